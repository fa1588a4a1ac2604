import i18n, { type BackendModule } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en';

export const languages = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '中文' },
] as const;

// A feature that loads lazily brings its own text as a namespace of its own, fetched in either language
// only when the feature first renders (`useTranslation('planDocument')` suspends until it is here).
export const featureNamespaces = {
  planDocument: { en: () => import('../locales/plan-document.en'), 'zh-CN': () => import('../locales/plan-document.zh-CN') },
  palette: { en: () => import('../locales/palette.en'), 'zh-CN': () => import('../locales/palette.zh-CN') },
} as const;

// English ships with the app (it is also the fallback); Chinese is fetched when it is the language
// in use, so an English reader does not download it (decision 015).
const catalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const feature = featureNamespaces[namespace as keyof typeof featureNamespaces];
    if (feature) {
      feature[language === 'zh-CN' ? 'zh-CN' : 'en']().then(
        (module) => callback(null, module.default),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
      );
      return;
    }
    if (language !== 'zh-CN') return callback(null, en);
    import('../locales/zh-CN').then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** Resolves once the reader's language is loaded; the app renders after it, so no English flashes first. */
export const i18nReady = i18n
  .use(catalogues)
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    partialBundledLanguages: true,
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh-CN'],
    nonExplicitSupportedLngs: false,
    load: 'currentOnly',
    interpolation: { escapeValue: false }, // React escapes
    detection: {
      // The choice made with the switch is remembered; the browser's language is the first guess.
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: 'aionis.language',
      caches: ['localStorage'],
      convertDetectedLanguage: (lng: string) => (lng.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'),
    },
  });

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export default i18n;
