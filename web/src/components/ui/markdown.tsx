import { Typography } from '@mantine/core';
import ReactMarkdown from 'react-markdown';

// User-written Markdown, rendered safely: react-markdown builds React elements (no innerHTML), raw HTML
// in the source is shown as text, and only http(s)/mailto links are kept.
const safeUrl = (url: string) => (/^(https?:|mailto:)/i.test(url) ? url : '');

export function Markdown({ children }: { children: string }) {
  return (
    <Typography fz="sm">
      <ReactMarkdown skipHtml urlTransform={safeUrl} components={{ a: (props) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" /> }}>
        {children}
      </ReactMarkdown>
    </Typography>
  );
}
