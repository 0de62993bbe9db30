import { Module } from '@nestjs/common';
import { CONSOLE_DIRS, ConsoleUiController, defaultConsoleDirs } from './console-ui.controller.js';

/** The staff console (apps/console, built into dist/console) served by the API at /console/. */
@Module({ controllers: [ConsoleUiController], providers: [{ provide: CONSOLE_DIRS, useFactory: defaultConsoleDirs }] })
export class ConsoleUiModule {}
