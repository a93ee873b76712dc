/** `/qrvey-dashboard/qrvey-dashboard/qrvey-dashboard(.esm).js`: the Qrvey 9 dashboard element. */
import { defineWidget } from '../core/define'
import { QrveyDashboardElement } from '../elements/qrvey-dashboard'

defineWidget('qrvey-dashboard', QrveyDashboardElement)
