import { defineRule } from '../../core/define-rule.js';
import type { Report } from '../../core/rule.js';
import { truthy, Unknown, type PyValue } from '../../project/python-value.js';
import type { Binding } from '../../project/settings/types.js';
import { cannotTell, devCenter } from '../support.js';
import { atLeast, dictGet, setting, type ChecklistFacts } from './facts.js';

const FILESYSTEM = 'django.core.files.storage.FileSystemStorage';

interface DefaultStorage {
  backend: string | Unknown;
  /** The setting that chose it; absent when Django's default applies. */
  binding?: Binding;
  setting: 'STORAGES' | 'DEFAULT_FILE_STORAGE' | 'default';
}

/** The storage uploads go to: STORAGES['default'] on 4.2+, else DEFAULT_FILE_STORAGE (gone in 5.1), else the filesystem. */
export function defaultStorage(facts: ChecklistFacts): DefaultStorage {
  const storages = setting(facts, 'STORAGES');
  if (storages && atLeast(facts.django, 4, 2)) {
    const backend: PyValue | undefined = storages.value instanceof Unknown ? storages.value : dictGet(storages.value, 'default', 'BACKEND');
    if (backend instanceof Unknown || typeof backend === 'string') return { backend, binding: storages.binding, setting: 'STORAGES' };
  }
  const legacy = setting(facts, 'DEFAULT_FILE_STORAGE');
  if (legacy && !atLeast(facts.django, 5, 1) && (legacy.value instanceof Unknown || typeof legacy.value === 'string')) {
    return { backend: legacy.value, binding: legacy.binding, setting: 'DEFAULT_FILE_STORAGE' };
  }
  return { backend: FILESYSTEM, setting: 'default' };
}

const isLocal = (backend: string) => /(^|\.)FileSystemStorage$/.test(backend);

const STORAGE_FIX =
  "Keep uploads in object storage: django-storages with S3 (STORAGES['default'] = {'BACKEND': 'storages.backends.s3.S3Storage'}, with a bucket of your own or the Bucketeer add-on) or Google Cloud Storage ('storages.backends.gcloud.GoogleCloudStorage'), or Cloudinary ('cloudinary_storage.storage.MediaCloudinaryStorage'). Before Django 4.2 set DEFAULT_FILE_STORAGE instead.";

/** codebase.media-files: user uploads need storage that outlives the dyno. */
export const mediaFilesRule = defineRule<ChecklistFacts>({
  id: 'codebase.media-files',
  area: 'codebase',
  severity: 'error',
  title: 'User uploads are stored off the dyno',
  docs: devCenter('dynos#ephemeral-filesystem'),
  explain: {
    checks:
      'Models that declare FileField or ImageField (or their subclasses), and MEDIA_ROOT, against the default file storage (STORAGES["default"] on Django 4.2+, DEFAULT_FILE_STORAGE before). Also media URLs served with django.conf.urls.static.static() while DEBUG is off.',
    why: "A dyno's filesystem is ephemeral: it is discarded at every restart and deploy (at least once a day) and is not shared between dynos. Files uploaded to the local filesystem vanish, and static() adds no URL patterns when DEBUG is False.",
    example: 'avatar = models.ImageField(upload_to="avatars/")  # with STORAGES["default"] left at FileSystemStorage',
    fix: STORAGE_FIX,
  },
  messages: {
    'uploads-on-dyno': 'the project declares upload fields and the default storage is the local filesystem',
    'media-root-on-dyno': 'MEDIA_ROOT is set, no upload field is declared, and the default storage is the local filesystem',
    'static-helper-serves-nothing': "the root URLconf serves MEDIA_URL with static() while DEBUG is False",
    'cannot-tell': 'the project declares upload fields and the default storage cannot be determined',
  },
  reads: ['project-code'],
  check(facts) {
    const reports: Report[] = [];
    const storage = defaultStorage(facts);
    const uploads = facts.code.uploadFields;
    const mediaRoot = setting(facts, 'MEDIA_ROOT');
    if (storage.backend instanceof Unknown) {
      if (uploads.length > 0) reports.push(cannotTell('where uploads are stored', storage.backend, storage.binding));
    } else if (isLocal(storage.backend)) {
      const chosen = storage.setting === 'default' ? "Django's default storage (the local filesystem)" : `${storage.setting} (${storage.backend})`;
      if (uploads.length > 0) {
        const named = uploads.slice(0, 3).map((u) => `${u.model ? `${u.model}.` : ''}${u.field} at ${u.file}:${u.line}`);
        const more = uploads.length > 3 ? ` and ${uploads.length - 3} more` : '';
        reports.push({
          messageId: 'uploads-on-dyno',
          message: `the project declares ${uploads.length} upload field(s) (${named.join(', ')}${more}) and stores them with ${chosen}: on Heroku the dyno's filesystem is discarded at every restart (at least daily) and not shared between dynos, so uploaded files vanish`,
          hint: STORAGE_FIX,
          file: uploads[0]!.file,
          line: uploads[0]!.line,
        });
      } else if (mediaRoot && truthy(mediaRoot.value) === true) {
        reports.push({
          messageId: 'media-root-on-dyno',
          severity: 'warning',
          message: `MEDIA_ROOT is set and files go to ${chosen}: anything the app writes there vanishes at the next dyno restart (at least daily), and other dynos never see it`,
          hint: `No model declares an upload field, so if nothing writes media, remove MEDIA_ROOT. Otherwise: ${STORAGE_FIX}`,
          file: mediaRoot.binding.origin.file,
          line: mediaRoot.binding.origin.line,
        });
      }
    }
    // With uploads in object storage, MEDIA_URL points there and the helper is dead but harmless.
    const debug = setting(facts, 'DEBUG');
    const debugOn = debug ? truthy(debug.value) : false;
    if (debugOn === false && typeof storage.backend === 'string' && isLocal(storage.backend)) {
      for (const place of facts.code.mediaServedByStatic) {
        reports.push({
          messageId: 'static-helper-serves-nothing',
          severity: 'warning',
          message: 'static(settings.MEDIA_URL, …) serves nothing in production: it adds no URL patterns when DEBUG is False, so every media URL answers 404',
          hint: 'Serve uploads from the storage itself (django-storages gives each file its bucket URL), and keep static() for local development only.',
          ...place,
        });
      }
    }
    return reports;
  },
});
