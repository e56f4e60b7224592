import { type FormEvent, useId, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import {
  PRODUCT_ACCEPT,
  PRODUCT_DESCRIPTION_MAX,
  PRODUCT_TITLE_MAX,
  type Product,
  type ProductUpload,
  uploadProduct,
} from '../../../api/products.ts';
import { Button, type Notice, StatusMessage } from '../../../components/feedback.tsx';
import { TextAreaField, TextField } from '../../../components/fields.tsx';
import { UploadIcon } from '../../../components/icons.tsx';
import { type FieldErrors, toFormErrors } from '../../../lib/form-errors.ts';
import { formatBytes } from '../../../lib/music.ts';
import { useFocusFirstInvalid } from '../../../lib/use-focus-first-invalid.ts';
import {
  PriceControl,
  type PriceDraft,
  priceRangeMessage,
  readPriceDraft,
  toPriceDraft,
} from '../purchase/price-control.tsx';

export const PRODUCT_LABELS = {
  title: 'Title',
  description: 'Description',
  priceMinor: 'Price',
  currency: 'Currency',
  payWhatYouWant: 'Price',
  file: 'File',
};

/** Codes that belong to one field of the product forms. */
export const PRODUCT_CODE_FIELDS = {
  invalid_price: 'priceMinor',
  unsupported_currency: 'priceMinor',
  unsupported_file: 'file',
  unsupported_media_type: 'file',
  file_too_large: 'file',
  payload_too_large: 'file',
  missing_file: 'file',
};

type Progress = { loaded: number; total: number } | null;

/** Title, description, price (fixed or pay what you want) and the file, sent with a progress bar. */
export function ProductUploadForm({
  slug,
  currency,
  onUploaded,
}: {
  slug: string;
  currency: string;
  onUploaded: (product: Product) => Promise<void>;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [price, setPrice] = useState<PriceDraft>({ ...toPriceDraft(null, currency), mode: 'fixed' });
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [progress, setProgress] = useState<Progress>(null);
  const uploadRef = useRef<ProductUpload | null>(null);
  useFocusFirstInvalid(formRef, errors);
  const busy = progress !== null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FieldErrors = {};
    if (title.trim() === '') local.title = 'Give the product a title.';
    const priced = readPriceDraft(price);
    if ('error' in priced) local.priceMinor = priced.error;
    if (!file) local.file = 'Choose the file to sell: a PDF, an EPUB, a video or a ZIP.';
    setErrors(local);
    setNotice(null);
    if (Object.keys(local).length > 0 || !file || 'error' in priced || !priced.price) {
      if (local.file) fileRef.current?.focus();
      return;
    }
    setProgress({ loaded: 0, total: file.size });
    const upload = uploadProduct(
      slug,
      {
        title: title.trim(),
        description: description.trim(),
        priceMinor: priced.price.amountMinor,
        currency: priced.price.currency,
        payWhatYouWant: priced.price.payWhatYouWant,
        file,
      },
      (loaded, total) => setProgress({ loaded, total }),
    );
    uploadRef.current = upload;
    try {
      const product = await upload.done;
      setTitle('');
      setDescription('');
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      await onUploaded(product);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') {
        setNotice({ tone: 'info', text: 'The upload was cancelled. Nothing was saved.' });
      } else {
        const result = toFormErrors(error, {
          labels: PRODUCT_LABELS,
          codeFields: PRODUCT_CODE_FIELDS,
          codeMessages: { invalid_price: priceRangeMessage(price.currency) },
        });
        setErrors(result.fields);
        setNotice(result.general ? { tone: 'error', text: result.general } : null);
      }
    } finally {
      uploadRef.current = null;
      setProgress(null);
    }
  }

  const percent = progress && progress.total > 0 ? Math.floor((progress.loaded / progress.total) * 100) : 0;
  return (
    <form ref={formRef} className="form product-form" onSubmit={submit} noValidate>
      <TextField
        label={PRODUCT_LABELS.title}
        name="title"
        maxLength={PRODUCT_TITLE_MAX}
        placeholder="Field notes on sourdough"
        value={title}
        onValueChange={setTitle}
        error={errors.title}
        disabled={busy}
      />
      <TextAreaField
        label={PRODUCT_LABELS.description}
        name="description"
        optional
        rows={3}
        maxLength={PRODUCT_DESCRIPTION_MAX}
        hint="What is in it, and who it is for: buyers read this before they pay."
        value={description}
        onValueChange={setDescription}
        error={errors.description}
        disabled={busy}
      />
      <PriceControl
        legend="Price"
        value={price}
        onChange={setPrice}
        allowFree={false}
        error={errors.priceMinor}
        disabled={busy}
      />
      <div className={errors.file ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={`${id}-file`}>
          {PRODUCT_LABELS.file}
        </label>
        <p className="field__hint" id={`${id}-file-hint`}>
          A PDF, an EPUB e-book, a video or a ZIP archive. Only buyers can download it, through links that
          expire.
        </p>
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          className="input product-form__file"
          accept={PRODUCT_ACCEPT}
          disabled={busy}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={[`${id}-file-hint`, errors.file ? `${id}-file-error` : '']
            .filter(Boolean)
            .join(' ')}
        />
        {file ? (
          <p className="product-form__chosen">
            {file.name} · {formatBytes(file.size)}
          </p>
        ) : null}
        {errors.file ? (
          <p className="field__error" id={`${id}-file-error`}>
            <span aria-hidden="true" className="field__error-icon">
              !
            </span>
            {errors.file}
          </p>
        ) : null}
      </div>
      {progress ? (
        <div className="upload-progress">
          <div className="upload-progress__top">
            <span className="upload-progress__label" id={`${id}-progress`}>
              {percent >= 100 ? 'Finishing the upload…' : `Uploading ${file?.name ?? 'the file'}`}
            </span>
            <span className="upload-progress__percent">{percent} %</span>
          </div>
          <progress
            className="upload__progress upload-progress__bar"
            max={100}
            value={percent}
            aria-labelledby={`${id}-progress`}
          />
          <div className="upload-progress__bottom">
            <span className="upload-progress__bytes">
              {formatBytes(progress.loaded)} of {formatBytes(progress.total)}
            </span>
            <Button variant="ghost" size="sm" onClick={() => uploadRef.current?.abort()}>
              Cancel upload
            </Button>
          </div>
        </div>
      ) : null}
      <StatusMessage notice={notice} />
      <div className="form-actions">
        <Button type="submit" busy={busy} busyLabel="Uploading…">
          <UploadIcon className="icon icon--inline" />
          Upload product
        </Button>
      </div>
    </form>
  );
}
