/**
 * The native menu, in the vault's language. Labels are given even for roles: Electron localises role
 * labels only on macOS, so without them Windows and Linux would show English to French users.
 */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { Language } from '../api/contract';
import { MENU_STRINGS } from './menu-strings';

export interface MenuActions {
  readonly lockVault: () => void;
}

export function buildMenuTemplate(
  language: Language,
  actions: MenuActions,
  options: { readonly dev: boolean; readonly mac: boolean },
): MenuItemConstructorOptions[] {
  const t = MENU_STRINGS[language];
  const about: MenuItemConstructorOptions = { label: t.about, click: () => app.showAboutPanel() };
  const quit: MenuItemConstructorOptions = { label: t.quit, role: 'quit' };

  // macOS puts About and Quit in the application menu, named after the app, whatever its label says.
  const appMenu: MenuItemConstructorOptions[] = options.mac
    ? [
        {
          label: 'Custodia',
          submenu: [
            about,
            { type: 'separator' },
            { label: t.hide, role: 'hide' },
            { label: t.hideOthers, role: 'hideOthers' },
            { label: t.showAll, role: 'unhide' },
            { type: 'separator' },
            quit,
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { label: t.lockVault, accelerator: 'CmdOrCtrl+L', click: () => actions.lockVault() },
      ...(options.mac ? [] : [{ type: 'separator' } as const, quit]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { label: t.undo, role: 'undo' },
      { label: t.redo, role: 'redo' },
      { type: 'separator' },
      { label: t.cut, role: 'cut' },
      { label: t.copy, role: 'copy' },
      { label: t.paste, role: 'paste' },
      { type: 'separator' },
      { label: t.selectAll, role: 'selectAll' },
    ],
  };

  // Reload would drop the renderer's state mid-task, and DevTools are absent when packaged: both are for development.
  const devItems: MenuItemConstructorOptions[] = options.dev
    ? [{ label: t.reload, role: 'reload' }, { label: t.toggleDevTools, role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  const view: MenuItemConstructorOptions = { label: t.view, submenu: [...devItems, { label: t.toggleFullScreen, role: 'togglefullscreen' }] };

  const help: MenuItemConstructorOptions = { label: t.help, role: 'help', submenu: [about] };

  return [...appMenu, file, edit, view, help];
}

export function applyMenu(language: Language, actions: MenuActions): void {
  const template = buildMenuTemplate(language, actions, { dev: !app.isPackaged, mac: process.platform === 'darwin' });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
