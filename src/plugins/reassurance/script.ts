// dist/plugins/reassurance.iife.js: registers the plugin for `parcours('use', 'reassurance')`.
import { register } from '../register.js';
import { reassurance } from './index.js';

register('reassurance', reassurance);
