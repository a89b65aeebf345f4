/**
 * Test factories: a unit, a user, a task, a dossier — each made through the same path the product uses
 * (the unit table, the password hash, the directive service, the dossier import), with defaults for
 * everything a test does not care about. Every call makes new, uniquely named records.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { DEMO_PASSWORD, hashPassword, systemActor, systemContext, unitRepository, type AppServices, type Role } from '@cchc/core';
import { createDirective } from '@cchc/directives';
import { runDossierImport } from '@cchc/dossiers';

const suffix = () => crypto.randomBytes(3).toString('hex');

export interface MadeUnit {
  id: number;
  code: string;
  name: string;
}

/** A local unit (a department by default) under the province or under `parent`. */
export async function makeUnit(s: AppServices, o: { parent?: string; type?: string; name?: string } = {}): Promise<MadeUnit> {
  const parent = await unitRepository.findUnitByCode(s.db, o.parent ?? s.provinceCode, s.today());
  if (!parent) throw new Error(`makeUnit: no unit ${o.parent}`);
  const code = `${parent.code}.T${suffix().toUpperCase()}`;
  const row = await unitRepository.insertUnit(s.db, {
    code,
    name: o.name ?? `Đơn vị thử ${code}`,
    type: o.type ?? 'department',
    parentId: parent.id,
    provinceCode: s.provinceCode,
    source: 'Kiểm thử',
    isLocal: true,
  });
  return { id: Number(row.id), code, name: row.name };
}

/** An active user of a unit with roles; logs in with DEMO_PASSWORD. */
export async function makeUser(s: AppServices, o: { unit: string; roles: Role[]; username?: string; email?: string }) {
  const unit = await unitRepository.findUnitByCode(s.db, o.unit, s.today());
  if (!unit) throw new Error(`makeUser: no unit ${o.unit}`);
  const username = o.username ?? `u.${suffix()}`;
  const row = await s.db
    .insertInto('appUser')
    .values({
      username,
      fullName: `Người dùng ${username}`,
      email: o.email ?? null,
      unitId: unit.id,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await s.db
    .insertInto('userRole')
    .values(o.roles.map((role) => ({ userId: Number(row.id), role })))
    .execute();
  return { id: Number(row.id), username };
}

/** A directive with one task led by `unit` (coordinated by `with`), due on `dueDate`. */
export async function makeTask(
  s: AppServices,
  o: { unit: string; dueDate?: string; issuedOn?: string; text?: string; with?: string[] },
): Promise<{ directiveId: number; taskId: number }> {
  const number = `TK-${suffix()}`;
  const { id } = await createDirective(s, systemContext('factory'), systemActor(s.provinceCode, 'Kiểm thử'), {
    number,
    kind: 'ke_hoach',
    date: o.issuedOn ?? '2026-10-01',
    issuer: 'Chủ tịch UBND tỉnh',
    title: `Kế hoạch thử ${number}`,
    sections: [
      {
        number: '1.',
        heading: o.unit,
        leadUnitCode: o.unit,
        isGroup: false,
        tasks: [
          { label: 'a)', text: o.text ?? `Nhiệm vụ thử của ${o.unit}.`, dueDate: o.dueDate ?? '2026-12-30', coordinatingUnitCodes: o.with },
        ],
      },
    ],
  } as never);
  const task = await s.db.selectFrom('task').select('id').where('directiveId', '=', id).executeTakeFirstOrThrow();
  return { directiveId: Number(id), taskId: Number(task.id) };
}

const DOSSIER_HEADER =
  'ma_ho_so,ma_tthc,ten_tthc,ma_don_vi,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc,trang_thai,thoi_han,don_vi_thoi_han,bo_sung,ngay_xin_loi,can_bo_xu_ly,nguyen_nhan_tre_han';

export interface DossierSpec {
  unit: string;
  receivedAt?: string;
  finishedAt?: string;
  days?: number;
  official?: string;
  code?: string;
}

/**
 * Dossiers imported through the real import, in one file (one import run, one rollup refresh): each of
 * `unit`, received at `receivedAt` (local time), with a time limit in working days, finished at
 * `finishedAt` (or still open).
 */
export async function makeDossiers(s: AppServices, specs: DossierSpec[]): Promise<{ code: string }[]> {
  const made = specs.map((o) => ({ ...o, code: o.code ?? `HS-${suffix()}` }));
  const lines = made.map((o) =>
    [
      o.code,
      '1.000001',
      'Chứng thực bản sao',
      o.unit,
      '1',
      o.receivedAt ?? '2026-09-03T09:00:00',
      '',
      o.finishedAt ?? '',
      o.finishedAt ? '10' : '4',
      String(o.days ?? 3),
      'ngay_lam_viec',
      '',
      '',
      o.official ?? 'Cán bộ thử',
      '',
    ].join(','),
  );
  const out = await runDossierImport(s, systemContext('factory'), null, {
    filename: 'factory.csv',
    stream: Readable.from([`${DOSSIER_HEADER}\n${lines.join('\n')}\n`]),
  });
  if (out.inserted + out.updated !== made.length) throw new Error(`makeDossiers: ${JSON.stringify(out.errors)}`);
  return made.map((o) => ({ code: o.code }));
}

/** One dossier (see `makeDossiers`). */
export async function makeDossier(s: AppServices, o: DossierSpec): Promise<{ code: string }> {
  return (await makeDossiers(s, [o]))[0]!;
}
