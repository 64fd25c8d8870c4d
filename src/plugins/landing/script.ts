// dist/plugins/landing.iife.js: registers the plugin for `parcours('use', 'landing')`.
import { register } from '../register.js';
import { landing, LANDING_PLUGIN } from './index.js';

register('landing', LANDING_PLUGIN, landing);
