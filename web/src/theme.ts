import { createTheme, defaultVariantColorsResolver, parseThemeColor, type VariantColorsResolver } from '@mantine/core';

// Mantine's default light-variant text (shade 6 on a pale tint) falls under WCAG AA contrast for small
// text; darker text keeps the calm tints and passes.
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (parsed.isThemeColor && parsed.shade === undefined) {
    if (input.variant === 'light') {
      return { ...colors, color: `light-dark(color-mix(in srgb, var(--mantine-color-${parsed.color}-9), black 30%), var(--mantine-color-${parsed.color}-2))` };
    }
    if (input.variant === 'filled') {
      return { ...colors, background: `var(--mantine-color-${parsed.color}-8)`, hover: `var(--mantine-color-${parsed.color}-9)` };
    }
  }
  return colors;
};

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 4 },
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  headings: { fontWeight: '650' },
  variantColorResolver,
});
