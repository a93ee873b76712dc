/** `/widgets-launcher/app.js` (classic script): Dashboard View, Dashboard Builder and Report Builder. */
import { defineWidget } from '../core/define'
import { QrveyBuildersElement } from '../elements/qrvey-builders'
import { QrveyEndUserElement } from '../elements/qrvey-end-user'

defineWidget('qrvey-end-user', QrveyEndUserElement)
defineWidget('qrvey-builders', QrveyBuildersElement)
