import { type ReactNode, useId, useState } from 'react';
import { seedOf } from '../lib/music.ts';

type Size = 'xs' | 'sm' | 'md' | 'lg' | 'fill';

/**
 * A release's or track's cover: the uploaded picture, or (until there is one, or if it will not
 * load) a pattern drawn in the community's colour, different for every title. Decorative: the
 * title is always written next to it.
 */
export function Artwork({
  url,
  title,
  size = 'md',
  className,
  children,
}: {
  url: string | null | undefined;
  title: string;
  size?: Size;
  className?: string;
  children?: ReactNode;
}) {
  const [broken, setBroken] = useState<string | null>(null);
  const classes = ['artwork', `artwork--${size}`, className ?? ''].filter(Boolean).join(' ');
  return (
    <span className={classes}>
      {url && broken !== url ? (
        <img
          src={url}
          alt=""
          className="artwork__image"
          loading={size === 'fill' || size === 'lg' ? 'lazy' : 'eager'}
          decoding="async"
          onError={() => setBroken(url)}
        />
      ) : (
        <GeneratedCover seed={seedOf(title)} />
      )}
      {children}
    </span>
  );
}

/** Four motifs (grooves, waves, a low sun, a level meter), placed and sized by the seed. */
function GeneratedCover({ seed }: { seed: number }) {
  const id = `cover${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const motif = seed % 4;
  const a = ((seed >>> 2) % 1000) / 1000;
  const b = ((seed >>> 12) % 1000) / 1000;
  const angle = Math.round(a * 360);
  let body: ReactNode;
  if (motif === 0) {
    const cx = 30 + a * 40;
    const cy = 30 + b * 40;
    body = (
      <>
        {[46, 38, 31, 25, 19, 14].map((r) => (
          <circle key={r} cx={cx} cy={cy} r={r} className="artwork__groove" />
        ))}
        <circle cx={cx} cy={cy} r={7} className="artwork__spot" />
        <circle cx={cx} cy={cy} r={1.6} className="artwork__ground" />
      </>
    );
  } else if (motif === 1) {
    const lines = 7;
    body = Array.from({ length: lines }, (_, i) => {
      const y = 18 + i * 11;
      const amp = 4 + ((seed >>> (i + 3)) % 7);
      const phase = (a + i * 0.13) * 100;
      return (
        <path
          key={y}
          d={`M-10 ${y} C ${15 + phase * 0.2} ${y - amp}, ${35 + phase * 0.1} ${y + amp}, 55 ${y} S ${90 - phase * 0.1} ${y - amp}, 115 ${y}`}
          className={i === Math.floor(b * lines) ? 'artwork__wave artwork__wave--bright' : 'artwork__wave'}
        />
      );
    });
  } else if (motif === 2) {
    const cx = 25 + a * 50;
    body = (
      <>
        <circle cx={cx} cy={62} r={22 + b * 10} className="artwork__spot" />
        {[66, 74, 82, 90].map((y, i) => (
          <rect key={y} x={0} y={y} width={100} height={3.2 - i * 0.5} className="artwork__ground" />
        ))}
        <rect x={0} y={64} width={100} height={1.4} className="artwork__groove-fill" />
      </>
    );
  } else {
    const bars = Array.from({ length: 9 }, (_, i) => ({
      x: 9 + i * 9.4,
      h: 18 + (((seed >>> (i * 3)) % 11) / 10) * 52,
      bright: i === Math.floor(a * 9),
    }));
    body = bars.map(({ x, h, bright }) => (
      <rect
        key={x}
        x={x}
        y={82 - h}
        width={5.6}
        height={h}
        rx={2.8}
        className={bright ? 'artwork__spot' : 'artwork__bar'}
      />
    ));
  }
  return (
    <svg
      className="artwork__generated"
      viewBox="0 0 100 100"
      preserveAspectRatio="xMidYMid slice"
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <linearGradient id={id} gradientTransform={`rotate(${angle} 0.5 0.5)`}>
          <stop offset="0" className="artwork__stop-a" />
          <stop offset="1" className="artwork__stop-b" />
        </linearGradient>
      </defs>
      <rect width="100" height="100" fill={`url(#${id})`} />
      {body}
    </svg>
  );
}
