import type { MigrationSet } from '../db/migrations';
import type { DemoSeeder } from '../bootstrap';
import type { App } from '../http/types';
import { coreGlobalActions, coreRules, installRules } from '../policy/policy';
import { MetricsRegistry } from '../metrics/metrics';
import { installAuditLabels } from '../audit/audit-labels';
import type { CchcModule, ModuleSeams } from './module';

/**
 * What the server needs from a list of modules, in list order. Installing makes the modules' rules known
 * to the policy layer (core's first); calling it again with the same modules changes nothing.
 */
export function installModules(modules: readonly CchcModule[]) {
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`module ${m.name} listed twice`);
    names.add(m.name);
  }
  installRules(coreRules, coreGlobalActions);
  for (const m of modules) {
    installRules(m.rules ?? {}, m.globalActions ?? []);
    installAuditLabels(m.auditLabels);
  }
  return {
    modules,
    migrations: modules.flatMap((m) => (m.migrations ? [m.migrations] : [])) as MigrationSet[],
    seeders: modules.flatMap((m) => (m.demo ? [m.demo] : [])) as DemoSeeder[],
    seams: seamsOf(modules),
  };
}

/** A registry holding every metric the modules publish. */
export function metricsOf(modules: readonly CchcModule[]): MetricsRegistry {
  const registry = new MetricsRegistry();
  for (const m of modules) for (const def of m.metrics ?? []) registry.register(def);
  return registry;
}

export function registerModuleRoutes(app: App, modules: readonly CchcModule[]): void {
  for (const m of modules) m.routes?.(app);
}

/** What the modules offer each other: the module taking tasks (directives), the one holding dossiers. */
export function seamsOf(modules: readonly CchcModule[]): ModuleSeams {
  const one = <K extends keyof ModuleSeams>(key: K, what: string): ModuleSeams[K] => {
    const providers = modules.filter((m) => m[key]);
    if (providers.length > 1) throw new Error(`two modules ${what}: ${providers.map((m) => m.name).join(', ')}`);
    return (providers[0]?.[key] ?? null) as ModuleSeams[K];
  };
  return { taskIntake: one('taskIntake', 'take tasks'), dossierFrame: one('dossierFrame', 'hold dossiers') };
}
