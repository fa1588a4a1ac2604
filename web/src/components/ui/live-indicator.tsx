import { Box, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A grey dot in the header while live updates are down; nothing while they work. */
export function LiveIndicator({ paused }: { paused: boolean }) {
  const { t } = useTranslation();
  if (!paused) return null;
  const label = t('app.live.paused');
  return (
    <Tooltip label={label}>
      <Box
        role="status"
        aria-label={label}
        data-testid="live-paused"
        tabIndex={0}
        w={10}
        h={10}
        bg="gray.5"
        style={{ borderRadius: '50%', flex: 'none' }}
      />
    </Tooltip>
  );
}
