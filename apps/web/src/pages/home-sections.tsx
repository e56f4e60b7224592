import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  LockIcon,
  PersonaIcon,
  ShareIcon,
  ShieldIcon,
  SmallCircleIcon,
  TrustIcon,
} from '../components/icons.tsx';

/** An illustration of personas: one private profile, a different slice of it per community. */
export function PersonaFigure() {
  return (
    <figure className="persona-figure">
      <div className="persona-figure__profile">
        <p className="persona-figure__kicker">Your private profile</p>
        <dl className="persona-figure__fields">
          <div>
            <dt>Name</dt>
            <dd>Lena Novak</dd>
          </div>
          <div>
            <dt>City</dt>
            <dd>Lisbon</dd>
          </div>
          <div>
            <dt>Birthday</dt>
            <dd>12 March</dd>
          </div>
          <div>
            <dt>Links</dt>
            <dd>lenanovak.art</dd>
          </div>
        </dl>
      </div>
      <ul className="persona-figure__personas">
        <li className="persona-card">
          <span className="persona-card__handle">@lena</span>
          <span className="persona-card__where">in a songwriter’s circle</span>
          <span className="persona-card__shares">
            <span className="chip">Name</span>
            <span className="chip">City</span>
            <span className="chip">Links</span>
          </span>
        </li>
        <li className="persona-card persona-card--alt">
          <span className="persona-card__handle">@ln</span>
          <span className="persona-card__where">at work</span>
          <span className="persona-card__shares">
            <span className="chip">Name</span>
          </span>
        </li>
      </ul>
      <figcaption className="persona-figure__caption">
        An example: one private profile, and a different persona in each community. Neither community can tell
        they share a member.
      </figcaption>
    </figure>
  );
}

interface Principle {
  icon: ReactNode;
  title: string;
  text: string;
}

const PRINCIPLES: Principle[] = [
  {
    icon: <SmallCircleIcon />,
    title: 'Small by design',
    text: 'A community can cap its membership, and you follow the taste of a handful of people you trust, twelve by default, not an audience of millions.',
  },
  {
    icon: <PersonaIcon />,
    title: 'You decide what each community sees',
    text: 'Your profile stays private. Each community gets its own handle for you and only the fields you choose to share with it.',
  },
  {
    icon: <ShareIcon />,
    title: 'The artist keeps at least 80 %',
    text: 'Every payment is split in a double-entry ledger. The artist’s share never drops below what they were promised, and a refund reverses it exactly.',
  },
  {
    icon: <TrustIcon />,
    title: 'Trust, not popularity',
    text: 'Discovery follows the people you trust, and the people they trust, and tells you why each track is there. Sheer popularity counts against, not for.',
  },
  {
    icon: <ShieldIcon />,
    title: 'No ads, no trackers',
    text: 'Nothing is sold and nobody is profiled. Download everything about you at any time; delete your account and it is erased everywhere.',
  },
  {
    icon: <LockIcon />,
    title: 'Encrypted per community',
    text: 'What you share with a community is encrypted with that community’s own key. Destroy the key and the data is gone, backups included.',
  },
];

export function Principles() {
  return (
    <section className="section" aria-labelledby="principles-title">
      <div className="container">
        <header className="section__header">
          <p className="eyebrow">Six promises, kept in code</p>
          <h2 id="principles-title" className="section__title">
            Built for the few, not the many
          </h2>
          <p className="section__lead">
            Each principle is a rule the software enforces and a test that checks it, not a line in a policy
            you never read.
          </p>
        </header>
        <ul className="principles">
          {PRINCIPLES.map((principle) => (
            <li key={principle.title} className="principle">
              <span className="principle__icon">{principle.icon}</span>
              <h3 className="principle__title">{principle.title}</h3>
              <p className="principle__text">{principle.text}</p>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

export function SplitExplainer() {
  return (
    <section className="section section--tinted" aria-labelledby="split-title">
      <div className="container split">
        <div className="split__copy">
          <p className="eyebrow">Where the money goes</p>
          <h2 id="split-title" className="section__title">
            Of every €10 a fan pays, €8 or more goes to the artist
          </h2>
          <p>
            Whoever runs a Coterie server sets its fee, and it can never push the artist’s share below the
            promise they were shown. Amounts are kept in whole cents, shares always add up to the payment
            exactly, and every owner can read their statement.
          </p>
        </div>
        <figure className="split__figure">
          <div className="split__bar" aria-hidden="true">
            <span className="split__artist">€8.00</span>
            <span className="split__platform">€2.00</span>
          </div>
          <figcaption className="split__legend">
            <span className="split__key split__key--artist">Artist: at least 80 %</span>
            <span className="split__key split__key--platform">Platform: at most 20 %</span>
          </figcaption>
        </figure>
      </div>
    </section>
  );
}

const AUDIENCES = [
  {
    title: 'Artists',
    text: 'Brand your space, post, share tracks and releases, set membership tiers and see every cent you earned.',
  },
  {
    title: 'Micro-experts',
    text: 'Teach the few hundred people who value your niche, and sell them an e-book or a course directly.',
  },
  {
    title: 'Members',
    text: 'Join under a persona per community, listen, buy and download, and pick tracks for the people who trust you.',
  },
  {
    title: 'Organisations',
    text: 'Run a private, invite-only community as your internal network, on a server you control.',
  },
];

export function Audiences() {
  return (
    <section className="section" aria-labelledby="audiences-title">
      <div className="container">
        <header className="section__header">
          <p className="eyebrow">Who it is for</p>
          <h2 id="audiences-title" className="section__title">
            One place, four ways in
          </h2>
        </header>
        <ul className="audiences">
          {AUDIENCES.map((audience) => (
            <li key={audience.title} className="audience">
              <h3 className="audience__title">{audience.title}</h3>
              <p>{audience.text}</p>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

export function ClosingCall({ signedIn }: { signedIn: boolean }) {
  return (
    <section className="section" aria-labelledby="closing-title">
      <div className="container">
        <div className="closing">
          <div>
            <h2 id="closing-title" className="closing__title">
              {signedIn ? 'Your profile is yours alone' : 'Start with a profile only you can see'}
            </h2>
            <p className="closing__text">
              Communities are opening on this server soon. Set up your private profile now; when you join one,
              you will choose exactly what it gets to see.
            </p>
          </div>
          <Link to={signedIn ? '/me' : '/signup'} className="button button--on-accent button--lg">
            {signedIn ? 'Edit your profile' : 'Create your account'}
          </Link>
        </div>
      </div>
    </section>
  );
}
