import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, in Latvian. It exists for the keyboard shortcuts a clerk relies on (copy and
 * paste — on macOS they work only through an Edit menu — and zoom, for readability) and nothing
 * more. Reload and DevTools are for developers only: a reload would sign the clerk out, and DevTools
 * would open the renderer, and the desk's data, to whoever sits at it.
 */
export function menuTemplate({ isPackaged, platform }: { isPackaged: boolean; platform: NodeJS.Platform }): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const developer: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [
        { type: 'separator' },
        { role: 'reload', label: 'Pārlādēt' },
        { role: 'forceReload', label: 'Pārlādēt bez kešatmiņas' },
        { role: 'toggleDevTools', label: 'Izstrādātāja rīki' },
      ];
  return [
    ...(mac ? [{ label: 'Lete', submenu: [{ role: 'hide', label: 'Paslēpt Lete' }, { type: 'separator' }, { role: 'quit', label: 'Iziet no Lete' }] } satisfies MenuItemConstructorOptions] : []),
    ...(mac ? [] : [{ label: 'Fails', submenu: [{ role: 'quit', label: 'Iziet' }] } satisfies MenuItemConstructorOptions]),
    {
      label: 'Rediģēt',
      submenu: [
        { role: 'undo', label: 'Atsaukt' },
        { role: 'redo', label: 'Atcelt atsaukšanu' },
        { type: 'separator' },
        { role: 'cut', label: 'Izgriezt' },
        { role: 'copy', label: 'Kopēt' },
        { role: 'paste', label: 'Ielīmēt' },
        { role: 'selectAll', label: 'Atlasīt visu' },
      ],
    },
    {
      label: 'Skats',
      submenu: [
        { role: 'zoomIn', label: 'Palielināt' },
        { role: 'zoomOut', label: 'Samazināt' },
        { role: 'resetZoom', label: 'Sākotnējais izmērs' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Pilnekrāna režīms' },
        ...developer,
      ],
    },
    {
      label: 'Logs',
      submenu: [{ role: 'minimize', label: 'Minimizēt' }, ...(mac ? [{ role: 'zoom', label: 'Tālummaiņa' } as const] : []), { role: 'close', label: 'Aizvērt' }],
    },
  ];
}
