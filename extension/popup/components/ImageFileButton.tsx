// "Import QR image": lets the user pick a screenshot or photo containing a QR code.
import { t } from '../../i18n.ts';

export function ImageFileButton({ onFile }: { onFile: (file: File) => void }) {
  return (
    <label class="file-button">
      {t('importQrImage')}
      <input
        type="file"
        accept="image/*"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onFile(file);
          e.currentTarget.value = '';
        }}
      />
    </label>
  );
}
