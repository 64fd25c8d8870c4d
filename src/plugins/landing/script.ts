// dist/plugins/landing.iife.js: registers the plugin for `parcours('use', 'landing')`.
import { register } from '../register.js';
import { landing } from './index.js';

register('landing', landing);
