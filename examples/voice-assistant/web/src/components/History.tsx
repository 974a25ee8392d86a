import { useEffect, useState } from "react";

type Entry = { id: string; question: string; answer: string };

export function History({ userId }: { userId: string }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  useEffect(() => {
    fetch(`/api/history?user=${encodeURIComponent(userId)}`)
      .then((r) => r.json())
      .then(setEntries);
  }, [userId]);
  return (
    <ul>
      {entries.map((e) => (
        <li key={e.id}>
          <strong>{e.question}</strong> — {e.answer}
        </li>
      ))}
    </ul>
  );
}
