import type { Plugin } from '../core/plugin-types.js';

/** A plugin factory as the script-tag registry holds it. */
export type PluginFactory = (options?: never) => Plugin;

interface Host {
  parcours?: { tracker?: { use(p: Plugin): void } };
  /** name → factory, or the options of `parcours('use', name, options)` calls made before the plugin loaded. */
  parcoursPlugins?: Record<string, PluginFactory | unknown[]>;
}

/**
 * Script-tag registration (dist/plugins/*.iife.js) of the factory of plugin `plugin` (its
 * versioned name) under the short `name`: puts the factory in
 * `window.parcoursPlugins[name]`, where the core's `parcours('use', name, options)` and
 * `data-plugins` find it, and sets up the plugin for each `use` the core heard before this
 * file loaded (the core leaves their options in the registry under the same name).
 */
export function register(name: string, plugin: string, factory: PluginFactory): void {
  const w = window as unknown as Host;
  const reg = (w.parcoursPlugins ||= {});
  const pending = reg[name];
  const safe: PluginFactory = (o) => {
    try {
      return factory(o);
    } catch (e) {
      // A bad option: the plugin's setup throws it, so the tracker disables the plugin and
      // reports it (an `sdk_error` naming the field) and goes on without it.
      console.error(e);
      return {
        name: plugin,
        setup() {
          throw e;
        },
      };
    }
  };
  reg[name] = safe;
  if (Array.isArray(pending)) for (const o of pending) w.parcours?.tracker?.use(safe(o as never));
}
