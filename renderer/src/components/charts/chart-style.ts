/** The home charts' colours: SVG presentation attributes cannot read CSS variables (styles/app.css). */
export const ACCENT = '#1d5fa6';
/** A second series beside the accent, dark enough for 3:1 against white (WCAG 1.4.11). */
export const SECOND = '#8f5f00';
export const BAR_ROW_HEIGHT = 36;
/** Evidence for and against (the identity waterfall): the status colours, both over 4.5:1 against white. */
export const FOR = '#1c7447';
export const AGAINST = '#b42318';
/** A reference line (a threshold): visible, yet quieter than the bars. */
export const REFERENCE = '#5b6877';
