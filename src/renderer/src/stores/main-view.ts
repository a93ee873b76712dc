/**
 * What the main area (right of the sidebar) shows: the workbench (token form
 * and output), or a full-width screen such as the persona editor (issue 12).
 * One store so screens added later (the persona compare view) take their turn
 * the same way: add an id here and a branch in App.vue.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export type MainView = 'workbench' | 'personas'

export const useMainViewStore = defineStore('mainView', () => {
  const view = ref<MainView>('workbench')

  function show(next: MainView): void {
    view.value = next
  }

  return { view, show }
})
