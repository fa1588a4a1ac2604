import { createFileRoute } from '@tanstack/react-router';
import { PartnerImport } from '../../../features/partners/partner-import';

export const Route = createFileRoute('/_app/partners/import')({
  component: PartnerImport,
});
