/**
 * Defines a custom element unless the name is taken already: hosts load a
 * launcher twice (or its module and nomodule twins) and that must not throw.
 */
export function defineWidget(name: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return
  if (customElements.get(name)) return
  customElements.define(name, constructor)
}
