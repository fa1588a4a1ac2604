import { Alert, Autocomplete, Badge, Box, Button, Card, CloseButton, Code, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAlertTriangle, IconFilterOff, IconLock } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { auditEntityTypes } from '@server/modules/audit/audit.enums';
import { knownAuditActions, type AuditEntityType } from '@server/modules/audit/audit.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { AnchorLink } from '../../components/ui/links';
import { EmptyState, PageLoader } from '../../components/ui/page-states';
import { absoluteTimeOf, describeChanges, relativeTimeOf, type PhaseKeys } from '../../features/audit/describe-event';
import { errorData, errorMessage } from '../../lib/api-errors';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../lib/session';
import { trpc, type RouterOutputs } from '../../lib/trpc';

// Filters live in the URL so a view of the trail can be shared by link; a bad value is dropped.
const search = z.object({
  entity: z.catch(z.optional(z.enum(auditEntityTypes)), undefined),
  entityId: z.catch(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))), undefined),
  actor: z.catch(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))), undefined),
  action: z.catch(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))), undefined),
  from: z.catch(z.optional(z.iso.date()), undefined),
  to: z.catch(z.optional(z.iso.date()), undefined),
});
type AuditSearch = z.infer<typeof search>;

const PAGE_SIZE = 50;

export const Route = createFileRoute('/_app/audit')({
  validateSearch: search,
  component: AuditPage,
});

type AuditEvent = RouterOutputs['audit']['list']['items'][number];

function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('audit.pageTitle')}
        </Title>
        <Text size="sm" c="dimmed" mt={4}>
          {t('audit.pageIntro')}
        </Text>
      </div>
      {/* The server refuses other roles too; asking it first would only fetch a 403. */}
      {can(me.role, 'readAudit') ? <AuditTrail /> : <NotAllowed />}
    </Stack>
  );
}

function NotAllowed() {
  const { t } = useTranslation();
  return (
    <Alert color="gray" icon={<IconLock />} title={t('audit.forbiddenTitle')} data-testid="audit-forbidden">
      {t('audit.forbiddenBody')}
    </Alert>
  );
}

function AuditTrail() {
  const { t } = useTranslation();
  const filters = Route.useSearch();
  const { entity, entityId, actor, action, from, to } = filters;
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { entityType: entity, entityId, actorId: actor, action, from, to, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const filtered = Object.values(filters).some((v) => v !== undefined);

  let results;
  if (events.isPending) results = <PageLoader />;
  else if (events.isError) {
    results =
      errorData(events.error).code === 'FORBIDDEN' ? (
        <NotAllowed />
      ) : (
        <Alert color="red" icon={<IconAlertTriangle />} title={t('audit.loadError')} role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorMessage(events.error, t)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void events.refetch()}>
              {t('common.retry')}
            </Button>
          </Stack>
        </Alert>
      );
  } else {
    const items = events.data.pages.flatMap((p) => p.items);
    const phaseKeys: PhaseKeys = Object.assign({}, ...events.data.pages.map((p) => p.phaseKeys));
    results =
      items.length === 0 ? (
        <EmptyState>{filtered ? t('audit.empty') : t('audit.emptyNoFilters')}</EmptyState>
      ) : (
        <Stack gap="sm">
          <EventTable items={items} phaseKeys={phaseKeys} />
          <EventCards items={items} phaseKeys={phaseKeys} />
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('audit.shown', { count: items.length })}
              {!events.hasNextPage && ` · ${t('audit.end')}`}
            </Text>
            {events.hasNextPage && (
              <Button variant="default" loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
                {t('audit.loadMore')}
              </Button>
            )}
          </Group>
        </Stack>
      );
  }

  return (
    <>
      <AuditFilters filters={filters} />
      {results}
    </>
  );
}

function AuditFilters({ filters }: { filters: AuditSearch }) {
  const { t } = useTranslation();
  const navigate = Route.useNavigate();
  const actors = useQuery(trpc.audit.actors.queryOptions());
  // The action box is typed into: keep the text here and put it in the URL once typing pauses.
  const [actionText, setActionText] = useState(filters.action ?? '');
  const [syncedAction, setSyncedAction] = useState(filters.action);
  if (filters.action !== syncedAction) {
    // The URL changed from outside (back button, a link, "clear"): show its value.
    setSyncedAction(filters.action);
    setActionText(filters.action ?? '');
  }

  const update = (patch: Partial<AuditSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const commitAction = useDebouncedCallback((value: string) => update({ action: value.trim() || undefined }), 400);

  const actorOptions = (actors.data ?? []).map((a) => ({ value: a.actorId, label: a.actorName }));
  // A shared link may name someone the list has not loaded (or beyond its first 200): keep them choosable.
  if (filters.actor && !actorOptions.some((o) => o.value === filters.actor)) actorOptions.unshift({ value: filters.actor, label: filters.actor });

  return (
    <Card withBorder padding="md" component="section" aria-label={t('audit.filters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Select
          label={t('audit.entityType')}
          placeholder={t('audit.anyEntity')}
          clearable
          value={filters.entity ?? null}
          data={auditEntityTypes.map((type) => ({ value: type, label: t(`audit.entity.${type}`) }))}
          onChange={(value) => update({ entity: (value as AuditEntityType | null) ?? undefined, entityId: undefined })}
        />
        <Select
          label={t('audit.actor')}
          placeholder={t('audit.anyActor')}
          clearable
          searchable
          value={filters.actor ?? null}
          data={actorOptions}
          onChange={(value) => update({ actor: value ?? undefined })}
        />
        <Autocomplete
          label={t('audit.action')}
          placeholder={t('audit.actionPlaceholder')}
          value={actionText}
          data={[...knownAuditActions]}
          onChange={(value) => {
            setActionText(value);
            commitAction(value);
          }}
          onOptionSubmit={(value) => {
            commitAction.cancel();
            update({ action: value });
          }}
        />
        <DatePickerInput
          type="range"
          label={t('audit.dateRange')}
          placeholder={t('audit.dateRangePlaceholder')}
          clearable
          allowSingleDateInRange
          valueFormat="YYYY-MM-DD"
          value={[filters.from ?? null, filters.to ?? null]}
          onChange={([start, end]) => {
            // A range is applied once both ends are picked, or when it is cleared.
            if ((start && end) || (!start && !end)) update({ from: start ?? undefined, to: end ?? undefined });
          }}
        />
      </SimpleGrid>
      {Object.values(filters).some((v) => v !== undefined) && (
        <Group mt="sm" gap="xs" justify="space-between" wrap="wrap">
          <Group gap="xs">
            {filters.entityId && (
              <Badge
                variant="light"
                style={{ textTransform: 'none' }}
                rightSection={<CloseButton size="xs" aria-label={t('audit.clearFilters')} onClick={() => update({ entityId: undefined })} />}
              >
                {t('audit.entityId')}: {filters.entityId}
              </Badge>
            )}
          </Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconFilterOff size={14} />}
            onClick={() => {
              commitAction.cancel();
              void navigate({ search: {}, replace: true });
            }}
          >
            {t('audit.clearFilters')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

function EventTime({ at }: { at: string }) {
  const { i18n } = useTranslation();
  return (
    <time dateTime={at} title={absoluteTimeOf(at, i18n.language)}>
      {relativeTimeOf(at, i18n.language)}
    </time>
  );
}

/** The entity an event is about, linked to the page that shows it where there is one. */
function EntityCell({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const type = t(`audit.entity.${event.entityType as AuditEntityType}`, { defaultValue: event.entityType });
  const ref = event.entity;
  const label = ref?.label ?? event.entityId.slice(0, 8);
  let target = <Text span size="sm">{label}</Text>;
  if (ref?.phaseKey && ref.planId) {
    target = (
      <AnchorLink to="/phases/$key" params={{ key: ref.phaseKey }} search={{ plan: ref.planId }} size="sm">
        {label}
      </AnchorLink>
    );
  } else if (event.entityType === 'plan' && ref?.planId) {
    target = (
      <AnchorLink to="/plan" search={{ plan: ref.planId }} size="sm">
        {label}
      </AnchorLink>
    );
  }
  return (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      <Text span size="xs" c="dimmed">
        {type}
      </Text>{' '}
      {target}
    </Text>
  );
}

function EventTable({ items, phaseKeys }: { items: AuditEvent[]; phaseKeys: PhaseKeys }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding={0} visibleFrom="sm">
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" striped data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.time')}</Table.Th>
              <Table.Th>{t('audit.actor')}</Table.Th>
              <Table.Th>{t('audit.action')}</Table.Th>
              <Table.Th>{t('audit.entityType')}</Table.Th>
              <Table.Th>{t('audit.changes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                  <Text size="sm">{absoluteTimeOf(event.at, i18n.language)}</Text>
                  <Text size="xs" c="dimmed">
                    <EventTime at={event.at} />
                  </Text>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Text size="sm">{event.actorName || t('audit.system')}</Text>
                  {event.requestId && (
                    <Text size="xs" c="dimmed" title={event.requestId}>
                      {t('audit.requestId', { id: event.requestId.slice(0, 12) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Code>{event.action}</Code>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <EntityCell event={event} />
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {describeChanges(event, t, phaseKeys) || t('common.none')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

/** The same events as cards, for a phone: a five-column table does not fit there. */
function EventCards({ items, phaseKeys }: { items: AuditEvent[]; phaseKeys: PhaseKeys }) {
  const { t } = useTranslation();
  return (
    <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }} hiddenFrom="sm">
      <Stack gap="xs">
        {items.map((event) => {
          const changes = describeChanges(event, t, phaseKeys);
          return (
            <Card component="li" key={event.id} withBorder padding="sm">
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" fw={500} truncate>
                  {event.actorName || t('audit.system')}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  <EventTime at={event.at} />
                </Text>
              </Group>
              <Group gap={6} mt={4} wrap="wrap">
                <Code>{event.action}</Code>
                <EntityCell event={event} />
              </Group>
              {changes && (
                <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
                  {changes}
                </Text>
              )}
            </Card>
          );
        })}
      </Stack>
    </Box>
  );
}
