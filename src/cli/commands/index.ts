import type { Command } from 'commander';

import { registerAlertsCommand } from './alerts.command.ts';
import { registerAnalyzeCommand } from './analyze.command.ts';
import { registerDemoCommand } from './demo.command.ts';
import { registerExportCommand } from './export.command.ts';
import { registerImportCommand } from './import.command.ts';
import { registerModelsCommand } from './models.command.ts';
import { registerOutcomesCommand } from './outcomes.command.ts';
import { registerReportCommand } from './report.command.ts';
import { registerServeCommand } from './serve.command.ts';
import { registerUsersCommand } from './users.command.ts';
import { registerWorkerCommand } from './worker.command.ts';

/** Adds one command (with its options and action) to the program. */
export type CommandRegistrar = (program: Command) => void;

/** Every CLI command, in the order `okk --help` lists them. */
export const COMMANDS: CommandRegistrar[] = [registerAnalyzeCommand, registerReportCommand, registerImportCommand, registerOutcomesCommand, registerExportCommand, registerModelsCommand, registerWorkerCommand, registerAlertsCommand, registerServeCommand, registerUsersCommand, registerDemoCommand];
