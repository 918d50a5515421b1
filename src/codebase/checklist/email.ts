import { defineRule } from '../../core/define-rule.js';
import type { Report } from '../../core/rule.js';
import { truthy, Unknown } from '../../project/python-value.js';
import { cannotTell, devCenter } from '../support.js';
import { placeOfSetting, setting, strings, type ChecklistFacts } from './facts.js';

const SMTP = 'django.core.mail.backends.smtp.EmailBackend';
/** Backends that never deliver: fine in development, silent loss in production. */
const NOT_DELIVERING: Record<string, string> = {
  'django.core.mail.backends.console.EmailBackend': 'prints mail to the log instead of sending it',
  'django.core.mail.backends.filebased.EmailBackend': "writes mail to files on the dyno's ephemeral filesystem instead of sending it",
  'django.core.mail.backends.locmem.EmailBackend': 'keeps mail in memory instead of sending it',
  'django.core.mail.backends.dummy.EmailBackend': 'throws mail away',
};
const NO_HOST = new Set(['', 'localhost', '127.0.0.1', '::1']);
/** Config vars the mail add-ons set: a sign the app has somewhere to send through. */
const MAIL_ADDON_VARS = /^(SENDGRID_|MAILGUN_|POSTMARK_|MAILERSEND_|MAILTRAP_|SPARKPOST_|BREVO_|SENDINBLUE_|MAILJET_|CLOUDMAILIN_)/;

const FIX =
  'Send through a provider: set EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS from config vars (SendGrid, Mailgun, Postmark and others are Heroku add-ons), or use django-anymail with the provider\'s API.';

/** Whether anything in the project sends mail: error mails to ADMINS, password resets, send_mail calls. */
function sendsMail(facts: ChecklistFacts): string | undefined {
  const admins = setting(facts, 'ADMINS');
  if (admins && truthy(admins.value) === true) return 'error mails to ADMINS';
  const apps = strings(setting(facts, 'INSTALLED_APPS')?.value);
  if (apps.some((a) => a === 'allauth' || a.startsWith('allauth.'))) return 'django-allauth (sign-up and password mails)';
  const place = facts.code.sendsMail[0];
  if (place) return `the code at ${place.file}:${place.line}`;
  return undefined;
}

/** Whether error mails can go out: ADMINS or MANAGERS is non-empty, or cannot be known. */
function mailsErrors(facts: ChecklistFacts): boolean {
  return ['ADMINS', 'MANAGERS'].some((name) => {
    const s = setting(facts, name);
    return s !== undefined && truthy(s.value) !== false;
  });
}

/** codebase.email: mail has a real way out of the dyno. */
export const emailRule = defineRule<ChecklistFacts>({
  id: 'codebase.email',
  area: 'codebase',
  severity: 'warning',
  title: 'Mail has somewhere to go',
  docs: devCenter('smtp'),
  explain: {
    checks:
      "EMAIL_BACKEND, EMAIL_HOST, DEFAULT_FROM_EMAIL and SERVER_EMAIL (only when ADMINS or MANAGERS is set: it sends nothing else), when the project sends mail (ADMINS, django-allauth, send_mail/mail_admins/EmailMessage calls, the password-reset views). A backend that never delivers (console, filebased, locmem, dummy) is reported whenever it is the production backend.",
    why: "Django's default backend sends SMTP to localhost:25, and no mail server listens on a dyno: password resets and error mails fail (often as a 500). The console and file backends lose every mail. Many providers refuse the default sender addresses webmaster@localhost and root@localhost.",
    example: '# no EMAIL_BACKEND or EMAIL_HOST set, and ADMINS = [("Ops", "ops@example.org")]',
    fix: FIX,
  },
  messages: {
    'no-mail-server': 'the SMTP backend points at localhost (the default) and the project sends mail',
    'not-delivering': 'the production backend is console, filebased, locmem or dummy',
    'default-sender': 'mail can be sent but DEFAULT_FROM_EMAIL or SERVER_EMAIL is left at its localhost default',
    'cannot-tell': 'the project sends mail and EMAIL_BACKEND or EMAIL_HOST cannot be determined',
  },
  reads: ['project-code'],
  check(facts) {
    const reports: Report[] = [];
    const backendSetting = setting(facts, 'EMAIL_BACKEND');
    const backend = backendSetting ? backendSetting.value : SMTP;
    const reason = sendsMail(facts);
    if (backend instanceof Unknown) return reason ? [cannotTell('which mail backend production uses', backend, backendSetting?.binding)] : [];
    if (typeof backend !== 'string') return [];
    const placeBackend = placeOfSetting(facts, backendSetting?.binding);
    if (NOT_DELIVERING[backend]) {
      return [
        {
          messageId: 'not-delivering',
          message: `EMAIL_BACKEND is ${backend.split('.').slice(-2).join('.')} in production: it ${NOT_DELIVERING[backend]}, so password resets and error mails never arrive`,
          hint: FIX,
          ...placeBackend,
        },
      ];
    }
    if (backend === SMTP) {
      const host = setting(facts, 'EMAIL_HOST');
      const value = host ? host.value : 'localhost';
      if (value instanceof Unknown) return reason ? [cannotTell('which mail server production uses', value, host?.binding)] : [];
      const addon = Object.keys(facts.env).some((k) => MAIL_ADDON_VARS.test(k));
      if ((value === null || (typeof value === 'string' && NO_HOST.has(value))) && !addon) {
        if (!reason) return [];
        return [
          {
            messageId: 'no-mail-server',
            message: `the project sends mail (${reason}) through SMTP to ${value || 'localhost'}:25, and nothing listens there on a dyno: those mails fail`,
            hint: FIX,
            ...placeOfSetting(facts, host?.binding ?? backendSetting?.binding),
          },
        ];
      }
    }
    for (const [name, fallback] of [['DEFAULT_FROM_EMAIL', 'webmaster@localhost'], ['SERVER_EMAIL', 'root@localhost']] as const) {
      // SERVER_EMAIL sends only the error mails to ADMINS and MANAGERS (mail_admins, mail_managers,
      // BrokenLinkEmailsMiddleware), which send nothing when both are empty.
      if (name === 'SERVER_EMAIL' && !mailsErrors(facts)) continue;
      const s = setting(facts, name);
      const value = s ? s.value : fallback;
      if (typeof value === 'string' && /@localhost$/.test(value)) {
        reports.push({
          messageId: 'default-sender',
          message: `${name} is ${value}${s ? '' : " (Django's default)"}: mail providers refuse or spam-folder a sender at localhost`,
          hint: `Set ${name} to an address of a domain your provider has verified, e.g. ${name} = os.environ.get("${name}", "noreply@example.org").`,
          ...placeOfSetting(facts, s?.binding),
        });
      }
    }
    return reports;
  },
});
