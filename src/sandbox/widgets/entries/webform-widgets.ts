/** `/qrvey-webforms-widgets/webform-widgets/webform-widgets.esm.js`: Web Form End User. */
import { defineWidget } from '../core/define'
import { QrveyWebformEndUserElement } from '../elements/extra-elements'

defineWidget('qrvey-webform-enduser', QrveyWebformEndUserElement)
