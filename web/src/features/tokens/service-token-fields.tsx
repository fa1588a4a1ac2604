import { Checkbox, Select, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { serviceScopes, type ServiceScope } from '@server/modules/tokens/tokens.schema';
import { roles, type Role } from '@server/modules/users/users.schema';
import { useTranslation } from 'react-i18next';

export interface ServiceTokenValues {
  name: string;
  role: Role;
  scopes: ServiceScope[];
}

export const serviceTokenDefaults: ServiceTokenValues = { name: '', role: 'pm', scopes: ['metrics:write'] };

/** The role a service token acts with and the scopes it holds (tokens.schema: serviceScopes). */
export function ServiceTokenFields({ form }: { form: UseFormReturnType<ServiceTokenValues> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Select
        label={t('profile.service.role')}
        description={t('profile.service.roleHelp')}
        allowDeselect={false}
        data={roles.map((r) => ({ value: r, label: t(`auth.role.${r}`) }))}
        {...form.getInputProps('role')}
      />
      <Checkbox.Group label={t('profile.service.scopes')} {...form.getInputProps('scopes')}>
        <Stack gap={6} mt={6}>
          {serviceScopes.map((scope) => (
            <Checkbox key={scope} value={scope} label={scope} description={t(`profile.service.scope.${scope}`)} />
          ))}
        </Stack>
      </Checkbox.Group>
    </Stack>
  );
}
