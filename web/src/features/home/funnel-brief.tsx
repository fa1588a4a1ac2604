import { Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { goodColor, type HomeOverview } from './home-kinds';

const stages = ['LEAD', 'QUALIFIED', 'POC', 'PAID_TRIAL', 'PAID'] as const;

/** The partner funnel in brief: how many partners reached each stage, and the phase targets. */
export function FunnelBrief({ funnel }: { funnel: HomeOverview['funnel'] }) {
  const { t } = useTranslation();
  const targetLabels = { hostedPoc: t('partners.funnel.hostedPoc'), paidTrial: t('partners.funnel.paidTrial'), platformDesignPartners: t('partners.funnel.platformPartners') };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="home-funnel-title" data-testid="home-funnel" h="100%">
      <Group justify="space-between" align="baseline" gap="xs">
        <Title order={2} size="h4" id="home-funnel-title">
          {t('home.funnel.title')}
        </Title>
        <AnchorLink to="/partners/funnel" size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          {t('home.funnel.open')} <IconArrowRight size={14} aria-hidden />
        </AnchorLink>
      </Group>
      <Title order={3} size="h6" mt="sm" c="dimmed" fw={500}>
        {t('home.funnel.stages')}
      </Title>
      <SimpleGrid component="dl" cols={5} spacing={4} mt={4} style={{ margin: 0 }}>
        {stages.map((stage) => (
          <Stack key={stage} gap={0} align="center" data-testid="home-funnel-stage">
            <Text component="dt" size="xs" c="dimmed" ta="center">
              {t(`partners.stage.${stage}`)}
            </Text>
            <Text component="dd" fw={700} size="lg" m={0}>
              {funnel.reached[stage]}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      <Title order={3} size="h6" mt="md" c="dimmed" fw={500}>
        {t('home.funnel.targets')}
      </Title>
      <Stack gap="xs" mt={4}>
        {funnel.targets.map((target) => (
          <div key={target.key} data-testid="home-funnel-target">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm">{targetLabels[target.key]}</Text>
              <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap', ...(target.met ? { color: goodColor } : {}) }}>
                {t('partners.funnel.ofTarget', { value: target.count, target: target.target })}
              </Text>
            </Group>
            <Progress size="sm" mt={2} value={Math.min(100, (target.count / Math.max(1, target.target)) * 100)} color={target.met ? 'teal' : 'indigo'} aria-label={targetLabels[target.key]} />
          </div>
        ))}
      </Stack>
    </Card>
  );
}
