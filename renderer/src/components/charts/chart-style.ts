/** The home charts' colours: SVG presentation attributes cannot read CSS variables (styles/app.css). */
export const ACCENT = '#1d5fa6';
/** A second series beside the accent, dark enough for 3:1 against white (WCAG 1.4.11). */
export const SECOND = '#8f5f00';
export const BAR_ROW_HEIGHT = 36;
