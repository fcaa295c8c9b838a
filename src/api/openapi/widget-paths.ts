import { error } from './components';

const text = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string' } } } });

/** The embeddable widget and the demo page: static files and HTML, not JSON. */
export const widgetPaths = {
  '/widget.js': {
    get: {
      tags: ['widget'],
      summary: 'The comment widget; embed with one <script> tag carrying data-article-id and data-article-title',
      description:
        'Plain JavaScript, no framework. Loadable from any origin (Cross-Origin-Resource-Policy: cross-origin); ' +
        'its API calls need the host page origin in CORS_ORIGINS. Optional data-page-size (1-100) and data-target (a CSS selector).',
      responses: { '200': text('application/javascript', 'The widget script (gzip when accepted)') },
    },
  },
  '/widget.css': {
    get: {
      tags: ['widget'],
      summary: "The widget's stylesheet, loaded by the widget; restyle with the --sift-* custom properties",
      responses: { '200': text('text/css', 'The widget stylesheet') },
    },
  },
  '/demo.css': {
    get: {
      tags: ['widget'],
      summary: "The demo page's stylesheet",
      responses: { '200': text('text/css', 'The demo stylesheet') },
    },
  },
  '/demo/{articleId}': {
    parameters: [{ $ref: '#/components/parameters/articleId' }],
    get: {
      tags: ['widget'],
      summary: 'A demo news article with the widget embedded at its end, for trying Sift locally',
      responses: {
        '200': text('text/html', 'The demo page'),
        '400': error('Invalid articleId'),
      },
    },
  },
};
