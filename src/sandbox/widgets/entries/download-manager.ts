/** `/qrvey_download_manager/qrvey-download-manager/qrvey-download-manager(.esm).js`: the Download Manager. */
import { defineWidget } from '../core/define'
import { QrveyDownloadManagerElement } from '../elements/extra-elements'

defineWidget('qrvey-download-manager', QrveyDownloadManagerElement)
