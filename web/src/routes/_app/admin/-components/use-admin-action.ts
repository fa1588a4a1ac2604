import { notifications } from '@mantine/notifications';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/api-errors';

/**
 * For an admin list (users, tokens): `run` does one action on a row and says how it went in a toast,
 * then refreshes the list whether it worked or not, as a failure may mean the row changed meanwhile.
 */
export function useAdminAction(listKey: QueryKey) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: listKey });
  const run = async (work: () => Promise<unknown>, success: string) => {
    try {
      await work();
      notifications.show({ message: success });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    } finally {
      await refresh();
    }
  };
  return { run, refresh };
}
