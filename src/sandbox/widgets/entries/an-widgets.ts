/** `/qrvey-an-widgets/an-dashboard/andashboard/andashboard(.esm).js`: Analytic Suite and Single Panel. */
import { defineWidget } from '../core/define'
import { AnDashboardElement } from '../elements/an-dashboard'
import { AnPanelElement } from '../elements/an-panel'

defineWidget('an-dashboard', AnDashboardElement)
defineWidget('an-panel', AnPanelElement)
