/** Native menu labels. The renderer has its own catalogue; these few live here so main needs no i18n library. */
import type { Language } from '../api/contract';

export interface MenuStrings {
  readonly file: string;
  readonly lockVault: string;
  readonly quit: string;
  readonly edit: string;
  readonly undo: string;
  readonly redo: string;
  readonly cut: string;
  readonly copy: string;
  readonly paste: string;
  readonly selectAll: string;
  readonly view: string;
  readonly reload: string;
  readonly toggleDevTools: string;
  readonly toggleFullScreen: string;
  readonly help: string;
  readonly about: string;
  readonly hide: string;
  readonly hideOthers: string;
  readonly showAll: string;
}

export const MENU_STRINGS: Readonly<Record<Language, MenuStrings>> = {
  en: {
    file: 'File',
    lockVault: 'Lock vault',
    quit: 'Quit Custodia',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    reload: 'Reload',
    toggleDevTools: 'Toggle developer tools',
    toggleFullScreen: 'Toggle full screen',
    help: 'Help',
    about: 'About Custodia',
    hide: 'Hide Custodia',
    hideOthers: 'Hide others',
    showAll: 'Show all',
  },
  fr: {
    file: 'Fichier',
    lockVault: 'Verrouiller le coffre',
    quit: 'Quitter Custodia',
    edit: 'Édition',
    undo: 'Annuler',
    redo: 'Rétablir',
    cut: 'Couper',
    copy: 'Copier',
    paste: 'Coller',
    selectAll: 'Tout sélectionner',
    view: 'Affichage',
    reload: 'Actualiser',
    toggleDevTools: 'Outils de développement',
    toggleFullScreen: 'Plein écran',
    help: 'Aide',
    about: 'À propos de Custodia',
    hide: 'Masquer Custodia',
    hideOthers: 'Masquer les autres',
    showAll: 'Tout afficher',
  },
};

/** Until the vault records a language preference, the menu follows the system locale. */
export function languageForLocale(locale: string): Language {
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
