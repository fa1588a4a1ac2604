import { Badge, Button, Group, Select, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../components/ui/markdown';
import { fieldErrorsOf } from '../../lib/api-errors';
import { formatDate } from '../../lib/dates';
import { trpc } from '../../lib/trpc';
import type { ActivityKind } from '@server/modules/partners/partners.schema';
import { activityKinds } from './partner-kinds';
import { useLogActivity } from './use-partner-mutations';

/** The partner's activity, stage changes and PoC status changes in one timeline, newest first. */
export function PartnerTimeline({ partnerId, canLog, today }: { partnerId: string; canLog: boolean; today: string }) {
  const { t } = useTranslation();
  const { data: entries } = useSuspenseQuery(trpc.partners.timeline.queryOptions({ id: partnerId }));
  return (
    <Stack gap="md">
      {canLog && <LogProgress partnerId={partnerId} today={today} />}
      {entries.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('partners.timeline.empty')}
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2}>
          {entries.map((e) => (
            <Timeline.Item key={`${e.type}-${e.id}`} data-testid="timeline-entry">
              <Group gap={6} mb={2}>
                <Badge size="xs" variant="light" style={{ textTransform: 'none' }}>
                  {e.type === 'activity' ? t(`partners.timeline.kinds.${e.kind as 'NOTE'}`) : e.type === 'stage' ? t('partners.fields.stage') : t('partners.poc.title')}
                </Badge>
                <Text size="xs" c="dimmed">
                  {formatDate(e.date.slice(0, 10))} · {t('partners.timeline.by', { name: e.byName })}
                </Text>
              </Group>
              {e.type === 'activity' && <Markdown>{e.text ?? ''}</Markdown>}
              {e.type === 'stage' && (
                <Text size="sm">
                  {e.from
                    ? t('partners.timeline.stageChange', { from: t(`partners.stage.${e.from as 'LEAD'}`), to: t(`partners.stage.${e.to as 'LEAD'}`) })
                    : t('partners.timeline.stageCreated', { to: t(`partners.stage.${e.to as 'LEAD'}`) })}
                  {e.reason ? ` — ${e.reason}` : ''}
                </Text>
              )}
              {e.type === 'poc' && (
                <Text size="sm">
                  {t('partners.timeline.pocChange', {
                    from: e.from ? t(`partners.poc.statuses.${e.from as 'PLANNED'}`) : '—',
                    to: t(`partners.poc.statuses.${e.to as 'PLANNED'}`),
                  })}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Stack>
  );
}

function LogProgress({ partnerId, today }: { partnerId: string; today: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string>('CALL');
  const [date, setDate] = useState<string | null>(today);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const log = useLogActivity();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setErrors({ text: t('validation.required') });
    log.mutate(
      { partnerId, kind: kind as ActivityKind, occurredOn: date ?? today, text: text.trim() },
      {
        onSuccess: () => {
          setText('');
          setErrors({});
        },
        onError: (error) => setErrors(fieldErrorsOf(error)),
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('partners.timeline.logTitle')}>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <Select label={t('partners.timeline.kind')} allowDeselect={false} value={kind} onChange={(v) => setKind(v ?? 'NOTE')} data={activityKinds.map((k) => ({ value: k, label: t(`partners.timeline.kinds.${k}`) }))} />
          <DateInput label={t('partners.timeline.date')} valueFormat="YYYY-MM-DD" value={date} onChange={setDate} error={errors.occurredOn} />
        </Group>
        <Textarea data-shortcut="create" label={t('partners.timeline.text')} autosize minRows={2} maxRows={8} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} />
        <Group justify="flex-end">
          <Button type="submit" size="sm" loading={log.isPending}>
            {t('partners.timeline.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
