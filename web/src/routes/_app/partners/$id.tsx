import { Anchor, Badge, Breadcrumbs, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../../components/ui/links';
import { HistoryPanel } from '../../../features/audit/history-panel';
import { EvidencePanel } from '../../../features/evidence/evidence-panel';
import { formatMoney, stageColors, type Stage } from '../../../features/partners/partner-kinds';
import { PartnerFormModal } from '../../../features/partners/partner-form-modal';
import { PartnerTimeline } from '../../../features/partners/partner-timeline';
import { PocPanel } from '../../../features/partners/poc-panel';
import { formatDate, localToday } from '../../../lib/dates';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../../lib/session';
import { trpc } from '../../../lib/trpc';
import { FollowButton } from '../../../features/notifications/follow-button';

export const Route = createFileRoute('/_app/partners/$id')({
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(context.trpc.partners.byId.queryOptions({ id: params.id })),
      context.queryClient.ensureQueryData(context.trpc.partners.timeline.queryOptions({ id: params.id })),
    ]),
  component: PartnerPage,
});

function PartnerPage() {
  const { t, i18n } = useTranslation();
  const { id } = Route.useParams();
  const { data: p } = useSuspenseQuery(trpc.partners.byId.queryOptions({ id }));
  const [editing, setEditing] = useState(false);
  const me = useMe();
  const editable = p.canEdit;
  const reachedPoc = p.reachedPoc;

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <AnchorLink to="/partners" size="sm">
          {t('partners.pageTitle')}
        </AnchorLink>
        <Text size="sm">{p.company}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            {p.company}
          </Title>
          <Group gap="xs" mt={4}>
            <FollowButton entityType="partner" entityId={p.id} />
            <Badge color={stageColors[p.stage as Stage]} variant="light" style={{ textTransform: 'none' }}>
              {t(`partners.stage.${p.stage as Stage}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t(`partners.track.${p.track as 'HOSTED'}`)} · {t(`partners.segment.${p.segment as 'OTHER'}`)} · {t(`partners.package.${p.package as 'OSS'}`)}
            </Text>
          </Group>
        </div>
        {editable && (
          <Button variant="light" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)}>
            {t('partners.edit')}
          </Button>
        )}
      </Group>

      {p.nextStep && (
        <Card withBorder padding="sm" style={p.nextStepOverdue ? { borderColor: 'var(--mantine-color-red-6)' } : undefined} data-testid="next-step">
          <Text size="sm" className={p.nextStepOverdue ? 'text-overdue' : undefined} fw={p.nextStepOverdue ? 600 : undefined}>
            {t('partners.card.next')}: {p.nextStep}
            {p.nextStepDue ? ` · ${formatDate(p.nextStepDue)}` : ''}
            {p.nextStepOverdue ? ` · ${t('partners.card.overdue')}` : ''}
          </Text>
        </Card>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Card withBorder padding="md">
              <Title order={2} size="h4" mb="xs">
                {t('partners.details')}
              </Title>
              <Stack gap={4}>
                <Text size="sm">
                  {t('partners.fields.owner')}: {p.ownerName}
                </Text>
                {p.website && (
                  <Text size="sm">
                    {t('partners.fields.website')}:{' '}
                    <Anchor href={p.website} target="_blank" rel="noopener noreferrer">
                      {p.website}
                    </Anchor>
                  </Text>
                )}
                {p.expectedValue !== null && (
                  <Text size="sm">
                    {t('partners.fields.expectedValue')}: {formatMoney(p.expectedValue, p.currency, i18n.language)}
                  </Text>
                )}
                {p.tags.length > 0 && (
                  <Group gap={4}>
                    {p.tags.map((tag) => (
                      <Badge key={tag} size="sm" variant="outline" style={{ textTransform: 'none' }}>
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Stack>
              <Title order={3} size="h5" mt="md" mb={4}>
                {t('partners.fields.contacts')}
              </Title>
              {p.contacts.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('partners.noContacts')}
                </Text>
              ) : (
                <Stack gap={4}>
                  {p.contacts.map((c) => (
                    <Text size="sm" key={c.id}>
                      {c.name}
                      {c.role ? ` · ${c.role}` : ''}
                      {c.email ? (
                        <>
                          {' · '}
                          <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>
                        </>
                      ) : null}
                    </Text>
                  ))}
                </Stack>
              )}
            </Card>
            <Card withBorder padding="md">
              <Title order={2} size="h4" mb="xs">
                {t('partners.poc.title')}
              </Title>
              <PocPanel partner={p} editable={editable} reachedPoc={reachedPoc} />
            </Card>
            <Card withBorder padding="md">
              <EvidencePanel targetType="partner" targetId={p.id} canEdit={can(me.role, 'recordEvidence')} />
            </Card>
            <Card withBorder padding="md">
              <Title order={2} size="h4" mb="xs">
                {t('audit.history')}
              </Title>
              <HistoryPanel entityType="partner" entityId={p.id} />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              {t('partners.timeline.title')}
            </Title>
            <PartnerTimeline partnerId={p.id} canLog={editable} today={localToday()} />
          </Card>
        </Grid.Col>
      </Grid>
      <PartnerFormModal opened={editing} onClose={() => setEditing(false)} partner={p} />
    </Stack>
  );
}
