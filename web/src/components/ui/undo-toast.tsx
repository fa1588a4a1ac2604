import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';

/**
 * A toast saying what was just done, with an Undo button: for deletes and detaches that are cheap to
 * reverse. The undo runs once and the toast goes.
 */
export function showUndoToast(id: string, message: string, t: TFunction, undo: () => Promise<unknown> | void) {
  notifications.show({
    id,
    autoClose: 8000,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{message}</Text>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => {
            notifications.hide(id);
            void undo();
          }}
        >
          {t('common.undo')}
        </Button>
      </Group>
    ),
  });
}
