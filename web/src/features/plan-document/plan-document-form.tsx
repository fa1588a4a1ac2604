import { Alert, Anchor, Badge, Button, Card, Checkbox, FileButton, Group, List, Modal, ScrollArea, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconUpload } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { planCreateFromDocumentInput } from '@server/modules/plans/plan-document.schema';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateWith } from '../../lib/api-errors';
import { localToday } from '../../lib/dates';
import type { RouterOutputs } from '../../lib/trpc';
import { useCreatePlanFromDocument, usePreviewPlanDocument } from './use-plan-document-mutations';

type Preview = RouterOutputs['plans']['previewDocument'];
type PreviewItem = Preview['phases'][number]['deliverables'][number] | Preview['phases'][number]['gates'][number];

/** New plan from a Markdown document: paste or upload, preview what was found, fix the text, confirm. */
export default function PlanDocumentForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('planDocument');
  const { t: tApp } = useTranslation();
  const navigate = useNavigate();
  const preview = usePreviewPlanDocument();
  const create = useCreatePlanFromDocument();
  const [text, setText] = useState('');
  const [previewed, setPreviewed] = useState<{ text: string; doc: Preview } | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', startDate: nextMonday(localToday()), makeCurrent: true },
    validate: (values) => validateWith(planCreateFromDocumentInput, { ...values, markdown: text }, tApp),
  });

  const doc = previewed?.doc ?? null;
  const stale = previewed !== null && previewed.text !== text;

  const runPreview = () =>
    preview.mutate(
      { markdown: text },
      {
        onSuccess: (result) => {
          setPreviewed({ text, doc: result });
          // The document's own title and start fill the form until the PM types their own.
          if (!form.isDirty('name') && result.title) form.setFieldValue('name', result.title.slice(0, 120));
          if (!form.isDirty('startDate') && result.startDate) form.setFieldValue('startDate', result.startDate);
          form.resetDirty();
        },
      },
    );

  const submit = form.onSubmit((values) =>
    create.mutate(
      { ...values, markdown: text },
      {
        onSuccess: async ({ id }) => {
          onClose();
          await navigate({ to: '/plan', search: values.makeCurrent ? {} : { plan: id } });
        },
      },
    ),
  );

  /** Selects a line of the text area, so the PM can fix what the preview points at. */
  const showLine = (line: number) => {
    const area = textarea.current;
    if (!area) return;
    const lines = area.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const lineHeight = Number.parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
  };
  const lineLink = (line: number, label = t('line', { line })) => (
    <Anchor component="button" type="button" size="xs" c="dimmed" onClick={() => showLine(line)} aria-label={t('goToLine', { line })}>
      {label}
    </Anchor>
  );

  const item = (entry: PreviewItem, statusKey: 'deliverable' | 'gate') => {
    const details = [
      entry.status ? tApp(`status.${statusKey}.${entry.status}` as 'status.gate.PENDING') : null,
      entry.ownerName || null,
      entry.dueDate,
    ].filter(Boolean);
    return (
      <List.Item key={`${entry.line}-${entry.title}`}>
        <Text span size="sm">
          {entry.title}
        </Text>{' '}
        {details.length > 0 && (
          <Text span size="xs" c="dimmed">
            ({details.join(' · ')}){' '}
          </Text>
        )}
        {lineLink(entry.line)}
      </List.Item>
    );
  };

  const totals = doc
    ? {
        phases: doc.phases.length,
        deliverables: doc.phases.reduce((n, p) => n + p.deliverables.length, 0),
        gates: doc.phases.reduce((n, p) => n + p.gates.length, 0),
      }
    : null;

  return (
    <Modal opened onClose={onClose} title={t('title')} size="80rem" closeButtonProps={{ 'aria-label': tApp('common.close') }}>
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('intro')}
            </Text>
            <Textarea
              ref={textarea}
              label={t('text')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={14}
              maxRows={28}
              data-autofocus
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' } }}
            />
            <Group gap="xs">
              <Button type="button" onClick={runPreview} loading={preview.isPending} disabled={text.trim() === ''}>
                {previewed ? t('previewAgain') : t('preview')}
              </Button>
              <FileButton accept=".md,.markdown,text/markdown,text/plain" onChange={(file) => void file?.text().then(setText)}>
                {(props) => (
                  <Button {...props} type="button" variant="default" leftSection={<IconUpload size={16} />}>
                    {t('upload')}
                  </Button>
                )}
              </FileButton>
            </Group>
          </Stack>

          <Stack gap="sm" aria-live="polite">
            {doc && totals && (
              <>
                {stale && <Alert color="yellow">{t('stale')}</Alert>}
                {doc.problems.length > 0 && (
                  <Alert color="red" title={t('problemsTitle')}>
                    <List size="sm">
                      {doc.problems.map((p) => (
                        <List.Item key={`${p.code}-${p.line}`}>{t(`problem.${p.code}`, { line: p.line })}</List.Item>
                      ))}
                    </List>
                  </Alert>
                )}
                <Text fw={500}>{t('found', totals)}</Text>
                <ScrollArea.Autosize mah="50vh" type="auto">
                  <Stack gap="sm">
                    {doc.phases.map((phase) => (
                      <Card withBorder padding="sm" key={`${phase.key}-${phase.line}`}>
                        <Group gap="xs" justify="space-between" wrap="nowrap">
                          <Title order={3} size="h5">
                            Phase {phase.key} · {phase.name}
                          </Title>
                          <Group gap={6} wrap="nowrap">
                            <Badge variant="light" color={phase.startDay === null ? 'red' : 'blue'} style={{ textTransform: 'none' }}>
                              {phase.startDay === null || phase.endDay === null ? t('noDays') : t('days', { start: phase.startDay, end: phase.endDay })}
                            </Badge>
                            {lineLink(phase.line)}
                          </Group>
                        </Group>
                        {phase.goal && (
                          <Text size="sm" mt={4}>
                            {phase.goal}
                          </Text>
                        )}
                        <Text size="xs" fw={600} mt="xs">
                          {t('deliverables')}
                        </Text>
                        {phase.deliverables.length ? (
                          <List type="ordered" size="sm" spacing={2}>
                            {phase.deliverables.map((d) => item(d, 'deliverable'))}
                          </List>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {t('none')}
                          </Text>
                        )}
                        <Text size="xs" fw={600} mt="xs">
                          {t('gates')}
                        </Text>
                        {phase.gates.length ? (
                          <List type="ordered" size="sm" spacing={2}>
                            {phase.gates.map((g) => item(g, 'gate'))}
                          </List>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {t('none')}
                          </Text>
                        )}
                      </Card>
                    ))}
                    {doc.unplaced.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t('allPlaced')}
                      </Text>
                    ) : (
                      <div>
                        <Title order={3} size="h6">
                          {t('unplacedTitle', { count: doc.unplaced.length })}
                        </Title>
                        <Text size="xs" c="dimmed" mb={4}>
                          {t('unplacedHint')}
                        </Text>
                        <List size="xs" spacing={2}>
                          {doc.unplaced.map((u) => (
                            <List.Item key={`${u.startLine}-${u.reason}`}>
                              {lineLink(u.startLine, u.startLine === u.endLine ? t('line', { line: u.startLine }) : t('lines', { start: u.startLine, end: u.endLine }))}{' '}
                              <Text span size="xs">
                                {u.excerpt}
                              </Text>{' '}
                              <Text span size="xs" c="dimmed">
                                — {t(`reason.${u.reason}`)}
                              </Text>
                            </List.Item>
                          ))}
                        </List>
                      </div>
                    )}
                  </Stack>
                </ScrollArea.Autosize>
                {doc.canCreate && (
                  <Stack gap="xs">
                    <Text size="xs" c="dimmed">
                      {t('statusesReset')}
                    </Text>
                    <TextInput label={t('name')} required {...form.getInputProps('name')} />
                    <DateInput label={t('startDate')} required valueFormat="YYYY-MM-DD" {...form.getInputProps('startDate')} />
                    <Checkbox label={t('makeCurrent')} {...form.getInputProps('makeCurrent', { type: 'checkbox' })} />
                    <Group justify="flex-end" gap="xs">
                      <Button type="button" variant="default" onClick={onClose}>
                        {tApp('common.cancel')}
                      </Button>
                      <Button type="submit" loading={create.isPending} disabled={stale}>
                        {t('create')}
                      </Button>
                    </Group>
                  </Stack>
                )}
              </>
            )}
          </Stack>
        </SimpleGrid>
      </form>
    </Modal>
  );
}

/** The Monday after a date: plans start at the beginning of a week. */
function nextMonday(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const add = (8 - d.getUTCDay()) % 7 || 7;
  d.setUTCDate(d.getUTCDate() + add);
  return d.toISOString().slice(0, 10);
}
