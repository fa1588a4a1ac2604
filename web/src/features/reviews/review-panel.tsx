import { Button, Card, Group, Stack, Title, type MantineSpacing } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ReviewPanelProps {
  /** The heading's id; the card is labelled by it. */
  titleId: string;
  title: string;
  /** Beside the title: a badge, or a `PanelAction`. */
  aside?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** A section card of the weekly review: its title, what goes beside it, then the content. */
export function ReviewPanel({ titleId, title, aside, testId, children }: ReviewPanelProps) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={titleId} data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Card>
  );
}

const actionLooks = { add: { variant: 'light', Icon: IconPlus }, edit: { variant: 'subtle', Icon: IconPencil } } as const;

/** A panel's Add or Edit button, left out of the printed review. */
export function PanelAction({ kind, onClick, children }: { kind: keyof typeof actionLooks; onClick: () => void; children: ReactNode }) {
  const { variant, Icon } = actionLooks[kind];
  return (
    <Button size="compact-sm" variant={variant} leftSection={<Icon size={14} />} onClick={onClick} className="no-print">
      {children}
    </Button>
  );
}

interface PanelFormProps {
  onSubmit: () => void;
  onCancel: () => void;
  saving: boolean;
  mt?: MantineSpacing;
  children: ReactNode;
}

/** A panel's inline form, left out of the printed review: its fields, then Cancel and Save. */
export function PanelForm({ onSubmit, onCancel, saving, mt, children }: PanelFormProps) {
  const { t } = useTranslation();
  return (
    <form
      className="no-print"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="xs" mt={mt}>
        {children}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" size="xs" loading={saving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
