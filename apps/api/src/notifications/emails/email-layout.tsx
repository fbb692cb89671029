import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { EmailCopy } from './email-copy';
import type { EmailLocale } from './email-locale';

const styles = {
  body: { backgroundColor: '#f4f5f7', fontFamily: 'Arial, Helvetica, sans-serif', color: '#1b1b1b', margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', borderRadius: '6px', maxWidth: '560px', margin: '0 auto', padding: '32px' },
  text: { fontSize: '16px', lineHeight: '24px', margin: '0 0 16px' },
  // 4.5:1 or better against white (WCAG AA) for the button and the small print.
  button: { backgroundColor: '#1d4f91', color: '#ffffff', borderRadius: '4px', fontSize: '16px', padding: '12px 20px', textDecoration: 'none' },
  small: { fontSize: '14px', lineHeight: '20px', color: '#4a4a4a', margin: '0 0 8px' },
  link: { color: '#1d4f91', wordBreak: 'break-all' as const },
  rule: { borderColor: '#dddddd', margin: '24px 0' },
};

/** One paragraph of an email. */
export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/**
 * The frame every email shares: the greeting, the caller's paragraphs, one call to action and
 * its address written out for mail clients that hide buttons.
 */
export function EmailLayout(props: {
  locale: EmailLocale;
  copy: EmailCopy;
  preview: string;
  greetingName: string | null;
  action: { href: string; label: string };
  children: ReactNode;
  afterAction?: ReactNode;
}) {
  const { locale, copy, action } = props;
  return (
    <Html lang={locale.locale}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Paragraph>{copy.greeting(props.greetingName)}</Paragraph>
          {props.children}
          <Section style={{ margin: '8px 0 24px' }}>
            <Button href={action.href} style={styles.button}>
              {action.label}
            </Button>
          </Section>
          {props.afterAction}
          <Paragraph>
            {copy.signOff}
            <br />
            {copy.signature}
          </Paragraph>
          <Hr style={styles.rule} />
          <Text style={styles.small}>{copy.buttonFallback}</Text>
          <Text style={styles.small}>
            <Link href={action.href} style={styles.link}>
              {action.href}
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
