/** django-configurations: the class DJANGO_CONFIGURATION names becomes the settings. */
import { py, runCases } from './harness.js';

const SETTINGS = py(`
  import os
  from configurations import Configuration, values

  class Base(object):
      DEBUG = True
      ALLOWED_HOSTS = ['localhost']
      STATIC_ROOT = '/app/static'
      SECRET_KEY = values.SecretValue()

  class Database(object):
      @property
      def DATABASES(self):
          config = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': os.environ.get('DB_NAME', 'app')}}
          config['default']['ATOMIC_REQUESTS'] = True
          return config

  class Development(Base, Configuration):
      pass

  class Production(Base, Database, Configuration):
      DEBUG = False
      ALLOWED_HOSTS = ['example.com']

  class NotAConfiguration(object):
      DEBUG = 'never'
`);

runCases('django-configurations', [
  {
    name: 'DJANGO_CONFIGURATION=Production: its attributes, its bases and its properties are the settings',
    files: { 'proj/settings.py': SETTINGS },
    env: { DJANGO_CONFIGURATION: 'Production', DB_NAME: 'shop' },
    values: {
      DEBUG: false,
      ALLOWED_HOSTS: ['example.com'],
      STATIC_ROOT: '/app/static',
      DATABASES: { default: { ENGINE: 'django.db.backends.postgresql', NAME: 'shop', ATOMIC_REQUESTS: true } },
    },
    unknown: { SECRET_KEY: /configurations\.values\.SecretValue/ },
    origins: { DEBUG: 'proj/settings.py:21', STATIC_ROOT: 'proj/settings.py:7' },
  },
  {
    name: 'another configuration gives other settings',
    files: { 'proj/settings.py': SETTINGS },
    env: { DJANGO_CONFIGURATION: 'Development' },
    values: { DEBUG: true, ALLOWED_HOSTS: ['localhost'] },
    absent: ['DATABASES'],
  },
  {
    name: 'no DJANGO_CONFIGURATION: the classes are not settings',
    files: { 'proj/settings.py': SETTINGS },
    absent: ['DEBUG', 'ALLOWED_HOSTS', 'DATABASES'],
  },
  {
    name: 'a class that is not a Configuration is never applied',
    files: { 'proj/settings.py': SETTINGS },
    env: { DJANGO_CONFIGURATION: 'NotAConfiguration' },
    absent: ['DEBUG'],
  },
]);
