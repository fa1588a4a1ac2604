import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api-errors';

/** The red toast every write shows when the server refuses it, in the reader's language. */
export function useErrorToast() {
  const { t } = useTranslation();
  return (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error, t) });
}
