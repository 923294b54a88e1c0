// The wall's own entry (decision 0031): index.html's loader runs it instead of main.tsx for `…/wall`.
import './ui/styles.css';
import './app/app.css';
import { bootWall } from './app/wall-boot.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
void bootWall(container);
