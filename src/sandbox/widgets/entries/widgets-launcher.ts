/**
 * `/widgets-launcher/app.js` (classic script): Dashboard View, Dashboard
 * Builder, Report Builder, Pixel-perfect Reports, Automation and Web Form
 * Design, the widgets Qrvey's docs load from this launcher.
 */
import { defineWidget } from '../core/define'
import { QrveyDesignWidgetsElement, QrveyPixelBuilderElement, QrveyWorkflowDesignElement } from '../elements/extra-elements'
import { QrveyBuildersElement } from '../elements/qrvey-builders'
import { QrveyEndUserElement } from '../elements/qrvey-end-user'

defineWidget('qrvey-end-user', QrveyEndUserElement)
defineWidget('qrvey-builders', QrveyBuildersElement)
defineWidget('qrvey-pixel-builder', QrveyPixelBuilderElement)
defineWidget('qrvey-workflow-design', QrveyWorkflowDesignElement)
defineWidget('qrvey-design-widgets', QrveyDesignWidgetsElement)
