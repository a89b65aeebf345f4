import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDossier, makeTask, makeUnit, makeUser, startTestApp, type TestApp } from './testing';
import { directivesModule } from '@cchc/directives';
import { dossiersModule } from '@cchc/dossiers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ modules: [directivesModule, dossiersModule] });
});
afterAll(() => t.close());

describe('factories', () => {
  it('make a unit with its own users who see its task and dossier, and nobody else’s', async () => {
    const s = t.app.services;
    const unit = await makeUnit(s);
    const user = await makeUser(s, { unit: unit.code, roles: ['focal_point'] });
    const { taskId } = await makeTask(s, { unit: unit.code, dueDate: '2026-11-20' });
    const { code } = await makeDossier(s, { unit: unit.code, receivedAt: '2026-11-02T09:00:00', finishedAt: '2026-11-10T10:00:00' });
    const c = await t.login(user.username);
    const task = (await c.get(`/api/tasks/${taskId}`)).json();
    expect(task).toMatchObject({ leadUnitCode: unit.code, status: 'overdue' });
    expect((await c.get('/api/tasks')).json().total).toBe(1);
    const dossier = (await c.get(`/api/dossiers/${code}`)).json();
    expect(dossier).toMatchObject({ unitCode: unit.code, outcome: 'late' });
    // Another unit's record is not found.
    const other = await makeTask(s, { unit: '86.STC' });
    expect((await c.get(`/api/tasks/${other.taskId}`)).statusCode).toBe(404);
  });
});
