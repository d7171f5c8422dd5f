import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /\+?\d[\d\s()-]{6,}\d/g;

/** Masks emails and phone numbers in free text (used for error messages that may quote users). */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

export function createLogger(
  options: { level: string; logPersonalData: boolean },
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level,
      base: undefined,
      // Message text, names and contact details are personal data: logged only when asked for.
      redact: options.logPersonalData
        ? []
        : {
            paths: ['text', 'userName', 'email', 'phone', '*.text', '*.email', '*.phone', '*.userName'],
            censor: '[redacted]',
          },
      formatters: {
        log: (obj) =>
          options.logPersonalData
            ? obj
            : Object.fromEntries(
                Object.entries(obj).map(([k, v]) => [k, typeof v === 'string' ? redactPersonalData(v) : v]),
              ),
      },
    },
    destination,
  );
}
