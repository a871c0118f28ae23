import text from '../../assets/filings/kc-2024q2-earnings-release.txt';

/** The release the add-in ships with: Kingsoft Cloud's Q2 2024 earnings release, as received (OCR text). */
export const SHIPPED_RELEASE_TEXT: string = text;
export const SHIPPED_RELEASE_NAME = 'kc-2024q2-earnings-release.txt';
