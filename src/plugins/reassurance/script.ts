// dist/plugins/reassurance.iife.js: registers the plugin for `parcours('use', 'reassurance')`.
import { register } from '../register.js';
import { reassurance, REASSURANCE_PLUGIN } from './index.js';

register('reassurance', REASSURANCE_PLUGIN, reassurance);
