import type { ReactNode } from 'react';

function Icon({ children, className }: { children: ReactNode; className?: string | undefined }) {
  return (
    <svg
      className={className ?? 'icon'}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

type IconProps = { className?: string };

export const SmallCircleIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <circle cx="12" cy="12" r="9" />
    <circle cx="9" cy="10" r="1.6" />
    <circle cx="15" cy="10" r="1.6" />
    <circle cx="12" cy="15.2" r="1.6" />
  </Icon>
);

export const PersonaIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M3 19.5c0-3.3 2.7-6 6-6 1 0 1.9.2 2.7.6" />
    <rect x="13" y="14" width="8.5" height="5" rx="2.5" />
    <circle cx="19" cy="16.5" r="1.2" />
  </Icon>
);

export const ShareIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M12 3a9 9 0 1 0 9 9h-9z" />
    <path d="M15 3.5a9 9 0 0 1 5.5 5.5H15z" />
  </Icon>
);

export const TrustIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <circle cx="7.5" cy="8" r="3" />
    <circle cx="16.5" cy="8" r="3" />
    <path d="M2.5 20c0-2.8 2.2-5 5-5 1.8 0 3.4 1 4.3 2.4" />
    <path d="M21.5 20c0-2.8-2.2-5-5-5-1.8 0-3.4 1-4.3 2.4" />
  </Icon>
);

export const ShieldIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6z" />
    <path d="M9 12l2 2 4-4" />
  </Icon>
);

export const LockIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <rect x="5" y="11" width="14" height="10" rx="2" />
    <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    <circle cx="12" cy="16" r="1.4" />
  </Icon>
);

export const ArrowIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M5 12h14" />
    <path d="M13 6l6 6-6 6" />
  </Icon>
);

export const DownloadIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M12 4v11" />
    <path d="M7 10l5 5 5-5" />
    <path d="M5 20h14" />
  </Icon>
);

export const DeviceIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <rect x="3" y="4" width="18" height="12" rx="2" />
    <path d="M8 20h8" />
    <path d="M12 16v4" />
  </Icon>
);

export const TrashIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M4 7h16" />
    <path d="M10 11v6" />
    <path d="M14 11v6" />
    <path d="M6 7l1 13h10l1-13" />
    <path d="M9 7V4h6v3" />
  </Icon>
);

export const PlusIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M12 5v14" />
    <path d="M5 12h14" />
  </Icon>
);

export const PinIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M9 4h6l-1 5 3 3v2H7v-2l3-3z" />
    <path d="M12 14v6" />
  </Icon>
);

export const EyeOffIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M3 3l18 18" />
    <path d="M10.6 5.1A9.8 9.8 0 0 1 12 5c5 0 8.5 4.5 9.5 7-.4 1-1.2 2.3-2.4 3.6" />
    <path d="M6.6 6.6C4.6 8 3.1 10.1 2.5 12c1 2.5 4.5 7 9.5 7 1.9 0 3.6-.6 5-1.5" />
    <path d="M9.9 9.9a3 3 0 0 0 4.2 4.2" />
  </Icon>
);

export const CommentIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M4 5.5h16v10H10l-4.5 4v-4H4z" />
  </Icon>
);

export const PictureIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <rect x="3" y="5" width="18" height="14" rx="2.5" />
    <circle cx="9" cy="10" r="1.8" />
    <path d="M21 16l-5-5-8 8" />
  </Icon>
);

export const DotsIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <circle cx="5.5" cy="12" r="1.3" fill="currentColor" />
    <circle cx="12" cy="12" r="1.3" fill="currentColor" />
    <circle cx="18.5" cy="12" r="1.3" fill="currentColor" />
  </Icon>
);

export const SmileIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M8.5 14c.8 1.3 2 2 3.5 2s2.7-.7 3.5-2" />
    <path d="M9 9.5h.01" />
    <path d="M15 9.5h.01" />
  </Icon>
);

export const FlagIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M5 21V4" />
    <path d="M5 4h11l-2 4 2 4H5" />
  </Icon>
);

export const PencilIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M4 20l1-4L16 5l3 3L8 19z" />
    <path d="M14 7l3 3" />
  </Icon>
);

export const ReplyIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M10 7L5 12l5 5" />
    <path d="M5 12h9a5 5 0 0 1 5 5v1" />
  </Icon>
);

export const EyeIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M2.5 12C3.5 9.5 7 5 12 5s8.5 4.5 9.5 7c-1 2.5-4.5 7-9.5 7s-8.5-4.5-9.5-7z" />
    <circle cx="12" cy="12" r="3" />
  </Icon>
);

export const PlayIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path
      d="M8 5.2v13.6a.8.8 0 0 0 1.2.7l10.6-6.8a.8.8 0 0 0 0-1.4L9.2 4.5A.8.8 0 0 0 8 5.2z"
      fill="currentColor"
    />
  </Icon>
);

export const PauseIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <rect x="6.5" y="5" width="3.8" height="14" rx="1" fill="currentColor" />
    <rect x="13.7" y="5" width="3.8" height="14" rx="1" fill="currentColor" />
  </Icon>
);

export const NextIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path
      d="M5.5 6.2v11.6a.7.7 0 0 0 1.1.6l8.7-5.8a.7.7 0 0 0 0-1.2L6.6 5.6a.7.7 0 0 0-1.1.6z"
      fill="currentColor"
    />
    <path d="M18.5 5.5v13" strokeWidth="2.2" />
  </Icon>
);

export const PreviousIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path
      d="M18.5 6.2v11.6a.7.7 0 0 1-1.1.6l-8.7-5.8a.7.7 0 0 1 0-1.2l8.7-5.8a.7.7 0 0 1 1.1.6z"
      fill="currentColor"
    />
    <path d="M5.5 5.5v13" strokeWidth="2.2" />
  </Icon>
);

export const VolumeIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z" fill="currentColor" />
    <path d="M15.5 9a4 4 0 0 1 0 6" />
    <path d="M18 6.5a7.5 7.5 0 0 1 0 11" />
  </Icon>
);

export const MuteIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z" fill="currentColor" />
    <path d="M16 9.5l5 5" />
    <path d="M21 9.5l-5 5" />
  </Icon>
);

export const MusicIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M9 18V5.5l11-2V16" />
    <circle cx="6.5" cy="18" r="2.5" />
    <circle cx="17.5" cy="16" r="2.5" />
    <path d="M9 9.5l11-2" />
  </Icon>
);

export const UploadIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M12 16V4" />
    <path d="M7 9l5-5 5 5" />
    <path d="M5 16v3a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3" />
  </Icon>
);

export const KeyboardIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <rect x="2.5" y="6" width="19" height="12" rx="2" />
    <path d="M6 10h.01M9.5 10h.01M13 10h.01M16.5 10h.01M7.5 14h9" />
  </Icon>
);

export const QueueIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M4 6h12" />
    <path d="M4 11h12" />
    <path d="M4 16h7" />
    <path d="M15 14.5v5l4.5-2.5z" fill="currentColor" />
  </Icon>
);

export const ChevronUpIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M6 15l6-6 6 6" />
  </Icon>
);

export const ChevronDownIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M6 9l6 6 6-6" />
  </Icon>
);

export const CloseIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M6 6l12 12" />
    <path d="M18 6L6 18" />
  </Icon>
);

export const RetryIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M20 12a8 8 0 1 1-2.3-5.6" />
    <path d="M20 4v5h-5" />
  </Icon>
);

export const DiscIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <circle cx="12" cy="12" r="9" />
    <circle cx="12" cy="12" r="2.5" />
    <path d="M12 6.5a5.5 5.5 0 0 0-5.5 5.5" />
  </Icon>
);

/** A guitar pick: what a curator picks. */
export const PickIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M12 21c-1.6 0-7.5-7.4-7.5-12.2C4.5 5.2 8 3.5 12 3.5s7.5 1.7 7.5 5.3C19.5 13.6 13.6 21 12 21z" />
    <path d="M12 8.5v5M9.5 11h5" />
  </Icon>
);

export const CheckIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Icon>
);

/** A compass: the way to music you have not heard. */
export const CompassIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <circle cx="12" cy="12" r="9" />
    <path d="M15.5 8.5l-2 5-5 2 2-5z" />
  </Icon>
);

export const FileIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M6 3.5h8.5l4.5 4.5v12.5H6z" />
    <path d="M14.5 3.5V8H19" />
    <path d="M9 13h6M9 16.5h4" />
  </Icon>
);

export const PrintIcon = ({ className }: IconProps) => (
  <Icon className={className}>
    <path d="M7 8.5V3.5h10v5" />
    <rect x="3.5" y="8.5" width="17" height="8" rx="2" />
    <path d="M7 14h10v6.5H7z" />
  </Icon>
);
