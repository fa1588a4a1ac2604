import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AgendaItemLine } from './agenda-item';
import { AgendaMoreLine } from './agenda-more';
import { NoteEditor } from './note-editor';
import type { ReviewView } from './review-kinds';

/** The eight agenda sections in order; an empty one says so in one line. */
export function Agenda({ review, canEdit }: { review: ReviewView; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {review.agenda.map((section, i) => {
        const title = t(`reviews.sections.${section.key}`);
        return (
          <Card key={section.key} withBorder padding="md" component="section" aria-labelledby={`section-${section.key}`} data-testid={`section-${section.key}`} className="review-section">
            <Title order={2} size="h4" id={`section-${section.key}`} mb="xs">
              {i + 1}. {title}
            </Title>
            {section.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t(`reviews.sectionEmpty.${section.key}`)}
              </Text>
            ) : (
              <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {section.items.map((item, j) => (
                  <li key={`${item.kind}-${item.link?.id ?? ''}-${j}`}>
                    <AgendaItemLine item={item} />
                  </li>
                ))}
                {section.more.map((more) => (
                  <li key={`more-${more.kind}`}>
                    <AgendaMoreLine more={more} review={review} />
                  </li>
                ))}
              </Stack>
            )}
            <Stack gap={4} mt="sm">
              <NoteEditor reviewId={review.id} section={section.key} sectionTitle={title} note={review.notes.find((n) => n.section === section.key)} canEdit={canEdit} />
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
