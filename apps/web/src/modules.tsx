import { AuditOutlined } from '@ant-design/icons';
import type { WebModule } from './modules/types';
import { directivesModule } from './modules/directives';
import { dossiersModule } from './modules/dossiers';
import { indicesModule } from './modules/indices';
import { assessmentModule } from './modules/assessment';
import { feedbackModule } from './modules/feedback';
import { inspectionsModule } from './modules/inspections';
import { initiativesModule } from './modules/initiatives';
import { surveysModule } from './modules/surveys';

export type { WebModule } from './modules/types';

/**
 * The one list of the web app's business modules, in menu order. A module is a folder under modules/
 * exporting a `WebModule` and a line here; one not yet built has only its entry and says so.
 */
export const MODULES: WebModule[] = [
  directivesModule,
  dossiersModule,
  indicesModule,
  assessmentModule,
  feedbackModule,
  inspectionsModule,
  initiativesModule,
  surveysModule,

  {
    path: '/reports',
    label: 'Báo cáo',
    icon: <AuditOutlined />,
    description: 'Báo cáo CCHC định kỳ theo thể thức văn bản hành chính (DOCX, XLSX, PDF).',
  },
];
