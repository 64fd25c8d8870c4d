// dist/plugins/device.iife.js: registers the device plugin for `parcours('use', 'device')`.
import { register } from '../register.js';
import { device, DEVICE_PLUGIN } from './index.js';

register('device', DEVICE_PLUGIN, device);
