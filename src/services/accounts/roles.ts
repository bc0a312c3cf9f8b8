/** Roles of okk users, by stable id. Each user has exactly one. */
export const ROLE_IDS = ['admin', 'head_of_sales', 'qa_reviewer', 'manager'] as const;

export type RoleId = (typeof ROLE_IDS)[number];

/** Russian names of the roles, as the UI and the CLI show them. */
export const ROLE_TITLES: Readonly<Record<RoleId, string>> = {
  admin: 'Администратор',
  head_of_sales: 'Руководитель отдела продаж',
  qa_reviewer: 'Специалист ОКК',
  manager: 'Менеджер',
};

export function isRoleId(value: string): value is RoleId {
  return (ROLE_IDS as readonly string[]).includes(value);
}
